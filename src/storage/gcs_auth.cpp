// The service-account flow of Google's OAuth 2.0 for server-to-server
// applications; no user consent, no refresh token: a new assertion each hour.
#include "gcs_auth.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "answer_text.hpp"
#include "http_call.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::storage {

namespace {

constexpr const char* kReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";
constexpr const char* kJwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
// renew this long before the token expires, so no request carries a stale one
constexpr long kRenewMarginSeconds = 300;

// An OAuth error answer: {"error": "...", "error_description": "..."}.
std::string token_error_text(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (auto description = string_field(json, "error_description"); !description.empty()) {
    return description;
  }
  if (auto error = string_field(json, "error"); !error.empty()) return error;
  return first_line(body);
}

}  // namespace

GcsAuth::GcsAuth(const config::Config& config) {
  const auto& key_file = config.get_string(config::keys::storage_key_file);
  if (!key_file.empty()) {
    key_ = read_service_account_key(key_file, "storage.key_file");
    return;
  }
  if (!config.get_string(config::keys::storage_gcs_endpoint).empty()) return;
  if (const char* env = std::getenv("GOOGLE_APPLICATION_CREDENTIALS"); env && *env) {
    key_ = read_service_account_key(env, "GOOGLE_APPLICATION_CREDENTIALS");
    return;
  }
  throw Error::usage(
      "GCS needs a service-account key: set storage.key_file (or "
      "GOOGLE_APPLICATION_CREDENTIALS) to its JSON key file");
}

std::string GcsAuth::header_line() {
  if (!key_) return "";
  const auto now = std::chrono::steady_clock::now();
  if (token_.empty() || now >= renew_at_) {
    auto [token, lifetime] = exchange_for_token(*key_);
    token_ = std::move(token);
    renew_at_ = now + std::chrono::seconds(std::max(0L, lifetime - kRenewMarginSeconds));
  }
  return "Authorization: Bearer " + token_;
}

std::pair<std::string, long> exchange_for_token(const ServiceAccountKey& key) {
  const auto assertion = signed_jwt(key, kReadWriteScope, std::chrono::system_clock::now());
  http::Request request;
  request.method = "POST";
  request.url = key.token_uri;
  request.headers = {"Content-Type: application/x-www-form-urlencoded"};
  request.body = "grant_type=" + http::escape(kJwtBearerGrant) + "&assertion=" + assertion;
  request.timeout_seconds = 60;
  const auto response = http::perform(request);

  const std::string what =
      "cannot get a GCS access token for " + key.client_email + " from " + key.token_uri + ": ";
  if (response.status == 0) throw Error::cluster(what + response.failure);
  if (response.status != 200) {
    throw Error::cluster(what + token_error_text(response.body) + " (HTTP " +
                         std::to_string(response.status) + ")");
  }
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  auto token = string_field(json, "access_token");
  if (token.empty()) throw Error::cluster(what + "the answer holds no access_token");
  long lifetime = 3600;
  if (const auto it = json.find("expires_in"); it != json.end() && it->is_number_integer()) {
    lifetime = it->get<long>();
  }
  return {token, lifetime};
}

}  // namespace sparkctl::storage
