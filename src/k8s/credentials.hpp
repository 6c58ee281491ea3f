// The user's credentials for each request: static token or client cert
// from the kubeconfig, a token file re-read when it changes (in-cluster
// tokens rotate), or an exec plugin's output cached until it expires.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "exec_credential.hpp"
#include "sparkctl/k8s/kubeconfig.hpp"

namespace sparkctl::k8s {

struct AuthMaterial {
  std::string bearer_token;
  std::string cert_pem, key_pem;    // inline client certificate (from data fields or exec)
  std::string cert_file, key_file;  // client certificate files
  std::string username, password;   // basic auth
  std::string describe() const;     // "bearer token", "client certificate", ... never the secret
};

class Credentials {
 public:
  Credentials(UserEntry user, ClusterEntry cluster);

  AuthMaterial current();
  // After a 401: drop cached exec output so the next current() reruns the
  // plugin. Returns whether retrying can help.
  bool invalidate();
  // `text` with every secret this user has (or had from a plugin) masked.
  std::string scrub(std::string text) const;

 private:
  UserEntry user_;
  ClusterEntry cluster_;
  mutable std::mutex mu_;
  std::optional<ExecCredential> exec_cache_;
  std::vector<std::string> seen_tokens_;  // exec and token-file tokens, for scrub()
  std::string token_file_cache_;
  std::chrono::steady_clock::time_point token_file_read_{};
};

}  // namespace sparkctl::k8s
