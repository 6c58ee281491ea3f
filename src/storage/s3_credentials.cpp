#include "s3_credentials.hpp"

#include <cstdlib>
#include <fstream>
#include <optional>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string(value) : std::string();
}

std::string credentials_file() {
  if (auto path = env("AWS_SHARED_CREDENTIALS_FILE"); !path.empty()) return path;
  auto home = env("HOME");
  return home.empty() ? std::string() : home + "/.aws/credentials";
}

// The `profile` section of an INI file as the AWS CLI writes it:
// "[name]" headers, "key = value" lines, '#' and ';' comments.
std::optional<S3Credentials> read_profile(const std::string& path, const std::string& profile) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  S3Credentials found;
  bool in_profile = false;
  std::string line;
  while (std::getline(in, line)) {
    auto text = strings::trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    if (text.front() == '[' && text.back() == ']') {
      in_profile = strings::trim(text.substr(1, text.size() - 2)) == profile;
      continue;
    }
    auto eq = text.find('=');
    if (!in_profile || eq == std::string::npos) continue;
    auto key = strings::to_lower(strings::trim(text.substr(0, eq)));
    auto value = strings::trim(text.substr(eq + 1));
    if (key == "aws_access_key_id") found.access_key = value;
    if (key == "aws_secret_access_key") found.secret_key = value;
    if (key == "aws_session_token") found.session_token = value;
  }
  if (found.access_key.empty() || found.secret_key.empty()) return std::nullopt;
  return found;
}

}  // namespace

S3Credentials find_s3_credentials(const config::Config& config) {
  const auto& access_key = config.get_string(config::keys::storage_s3_access_key);
  const auto& secret_key = config.get_string(config::keys::storage_s3_secret_key);
  if (!access_key.empty() || !secret_key.empty()) {
    if (access_key.empty() || secret_key.empty())
      throw Error::usage("storage.s3.access_key and storage.s3.secret_key must be set together");
    return {access_key, secret_key, ""};
  }
  if (auto id = env("AWS_ACCESS_KEY_ID"), secret = env("AWS_SECRET_ACCESS_KEY");
      !id.empty() && !secret.empty()) {
    return {id, secret, env("AWS_SESSION_TOKEN")};
  }
  auto profile = env("AWS_PROFILE");
  if (profile.empty()) profile = "default";
  const auto path = credentials_file();
  if (!path.empty()) {
    if (auto found = read_profile(path, profile)) return *found;
  }
  throw Error::usage(
      "no S3 credentials: set storage.s3.access_key and storage.s3.secret_key, "
      "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile [" +
      profile + "] in " + (path.empty() ? "~/.aws/credentials" : path));
}

}  // namespace sparkctl::storage
