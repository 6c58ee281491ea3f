// client.authentication.k8s.io exec credential plugins: run the command
// the kubeconfig names and read the ExecCredential it prints.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "sparkctl/k8s/kubeconfig.hpp"

namespace sparkctl::k8s {

struct ExecCredential {
  std::string token;
  std::string client_certificate_data;  // PEM
  std::string client_key_data;          // PEM
  std::optional<std::chrono::system_clock::time_point> expiration;
};

// Runs the plugin (stdin /dev/null, stderr passed through, KUBERNETES_EXEC_INFO
// set). Throws Error::cluster on failure; the plugin's stdout is never
// quoted, because it carries the credential.
ExecCredential run_exec_plugin(const ExecConfig& exec, const ClusterEntry& cluster);

// Parses the plugin's stdout; `api_version` is what we asked for.
ExecCredential parse_exec_credential(const std::string& output, const std::string& api_version,
                                     const std::string& command);

// RFC 3339 ("2024-05-01T10:00:00Z", "...+02:00"); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& text);

}  // namespace sparkctl::k8s
