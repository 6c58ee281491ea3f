// A Google service-account key (the JSON file `gcloud iam service-accounts
// keys create` writes) and the signed JWT that OAuth 2.0's JWT-bearer grant
// trades for an access token (RFC 7523; Google's "server to server" flow).
#pragma once

#include <chrono>
#include <string>

namespace sparkctl::storage {

struct ServiceAccountKey {
  std::string client_email;
  std::string token_uri;
  std::string private_key_pem;  // a secret: never in a message or a log
};

// Reads the key file `path`; `source` names where the path came from
// ("storage.key_file", "GOOGLE_APPLICATION_CREDENTIALS") for messages.
// Throws Error::usage when it cannot be read or is not a service-account
// key (the message never quotes the file's content).
ServiceAccountKey read_service_account_key(const std::string& path, const std::string& source);

// header.claims.signature, RS256 with the key's private key: iss = the
// key's client_email, aud = its token_uri, the given scope, valid for an
// hour from `now`. Throws Error::usage when the private key is unusable.
std::string signed_jwt(const ServiceAccountKey& key, const std::string& scope,
                       std::chrono::system_clock::time_point now);

// base64url without padding (RFC 7515's encoding of JWT parts).
std::string base64url(const std::string& bytes);

}  // namespace sparkctl::storage
