#include "credentials.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::k8s {

namespace {

// client-go re-reads token files at most once a minute.
constexpr auto token_file_refresh = std::chrono::minutes(1);
// Renew exec credentials a little before they expire.
constexpr auto expiry_slack = std::chrono::seconds(10);

std::string read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error::usage("cannot read token file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return strings::trim(ss.str());
}

void remember(std::vector<std::string>& seen, const std::string& token) {
  if (!token.empty() && std::find(seen.begin(), seen.end(), token) == seen.end())
    seen.push_back(token);
}

void mask_all(std::string& text, const std::string& secret) {
  if (secret.size() < 4) return;  // too short to mask without mangling ordinary text
  for (size_t at; (at = text.find(secret)) != std::string::npos;)
    text.replace(at, secret.size(), "<masked>");
}

}  // namespace

std::string Credentials::scrub(std::string text) const {
  std::lock_guard lock(mu_);
  mask_all(text, user_.token);
  mask_all(text, user_.password);
  for (const auto& t : seen_tokens_) mask_all(text, t);
  return text;
}

std::string AuthMaterial::describe() const {
  if (!bearer_token.empty()) return "bearer token";
  if (!cert_pem.empty() || !cert_file.empty()) return "client certificate";
  if (!username.empty()) return "basic auth as " + username;
  return "no credentials";
}

Credentials::Credentials(UserEntry user, ClusterEntry cluster)
    : user_(std::move(user)), cluster_(std::move(cluster)) {}

AuthMaterial Credentials::current() {
  std::lock_guard lock(mu_);
  AuthMaterial a;
  a.cert_pem = user_.client_certificate_data;
  a.key_pem = user_.client_key_data;
  if (a.cert_pem.empty()) a.cert_file = user_.client_certificate;
  if (a.key_pem.empty()) a.key_file = user_.client_key;
  a.username = user_.username;
  a.password = user_.password;
  a.bearer_token = user_.token;
  if (a.bearer_token.empty() && !user_.token_file.empty()) {
    auto now = std::chrono::steady_clock::now();
    if (token_file_cache_.empty() || now - token_file_read_ > token_file_refresh) {
      token_file_cache_ = read_token_file(user_.token_file);
      token_file_read_ = now;
    }
    a.bearer_token = token_file_cache_;
    remember(seen_tokens_, token_file_cache_);
  }
  if (user_.exec && a.bearer_token.empty()) {
    bool stale = !exec_cache_ ||
                 (exec_cache_->expiration &&
                  std::chrono::system_clock::now() + expiry_slack >= *exec_cache_->expiration);
    if (stale) {
      exec_cache_ = run_exec_plugin(*user_.exec, cluster_);
      remember(seen_tokens_, exec_cache_->token);
    }
    if (!exec_cache_->token.empty()) {
      a.bearer_token = exec_cache_->token;
    } else {
      a.cert_pem = exec_cache_->client_certificate_data;
      a.key_pem = exec_cache_->client_key_data;
      a.cert_file.clear();
      a.key_file.clear();
    }
  }
  return a;
}

bool Credentials::invalidate() {
  std::lock_guard lock(mu_);
  bool helps = exec_cache_.has_value() || !token_file_cache_.empty();
  exec_cache_.reset();
  token_file_cache_.clear();
  if (helps) spdlog::debug("credentials rejected (401); refreshing them once");
  return helps;
}

}  // namespace sparkctl::k8s
