// Who sparkctl is to GCS: the OAuth access token of a service account,
// or nobody for a GCS-compatible test server. Which one (first that applies):
//   storage.key_file set              -> that key file
//   storage.gcs.endpoint set          -> no authentication (a compatible server)
//   $GOOGLE_APPLICATION_CREDENTIALS   -> that key file
//   otherwise                         -> Error::usage naming storage.key_file
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "service_account.hpp"
#include "sparkctl/config/config.hpp"

namespace sparkctl::storage {

class GcsAuth {
 public:
  explicit GcsAuth(const config::Config& config);

  // The "Authorization: Bearer ..." header line, or "" without
  // authentication. Exchanges the key for a token on first use and again
  // shortly before it expires; Error::cluster when the token endpoint refuses.
  std::string header_line();

 private:
  std::optional<ServiceAccountKey> key_;
  std::string token_;  // a secret
  std::chrono::steady_clock::time_point renew_at_{};
};

// Trades a signed JWT of `key` for an access token at the key's token_uri
// (grant urn:ietf:params:oauth:grant-type:jwt-bearer, scope
// devstorage.read_write). Returns the token and its lifetime in seconds.
// Error::cluster with the endpoint's own error when it refuses; the message
// never holds the assertion or the key.
std::pair<std::string, long> exchange_for_token(const ServiceAccountKey& key);

}  // namespace sparkctl::storage
