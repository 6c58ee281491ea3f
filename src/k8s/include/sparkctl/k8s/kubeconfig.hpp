// Finding and reading the connection config the way kubectl does:
// --kubeconfig (one file), else KUBECONFIG (several files, merged, the
// first file to define a name or current-context wins), else
// ~/.kube/config, else the in-cluster service account. Relative paths in a
// file are resolved against that file's directory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparkctl::k8s {

struct ClientOptions;

struct ExecConfig {
  std::string api_version;  // client.authentication.k8s.io/v1 or v1beta1
  std::string command;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  std::string install_hint;
  bool provide_cluster_info = false;
};

struct ClusterEntry {
  std::string server;
  std::string certificate_authority;       // path
  std::string certificate_authority_data;  // decoded PEM
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  std::string origin;  // file that defined it
};

struct UserEntry {
  std::string client_certificate, client_key;            // paths
  std::string client_certificate_data, client_key_data;  // decoded PEM
  std::string token, token_file;
  std::string username, password;
  std::optional<ExecConfig> exec;
  std::string origin;
};

struct ContextEntry {
  std::string cluster, user, namespace_;
  std::string origin;
};

// The merged view of one or more kubeconfig files.
struct Kubeconfig {
  std::map<std::string, ClusterEntry> clusters;
  std::map<std::string, UserEntry> users;
  std::map<std::string, ContextEntry> contexts;
  std::string current_context;
  std::vector<std::string> files;  // the files that were read, in order

  // Reads one file and merges it in: names already present keep their
  // first definition, as does current-context. Throws Error::usage with
  // "path:line: message" on bad YAML or a bad field.
  void merge_file(const std::string& path);
};

// Everything needed to talk to one API server as one user.
struct RestConfig {
  std::string server;  // https://host:port, no trailing slash
  ClusterEntry cluster;
  UserEntry user;
  std::string namespace_;  // context/in-cluster namespace, "" when none
  std::string context;     // context name, "" for in-cluster
  std::string source;      // "kubeconfig a:b (context admin)" / "in-cluster", for messages
};

// Where to look: a table of the environment's say, so tests can pass
// their own instead of setting variables.
struct LoadingRules {
  std::string explicit_path;   // --kubeconfig
  std::string kubeconfig_env;  // KUBECONFIG
  std::string home;            // HOME
  std::string service_host;    // KUBERNETES_SERVICE_HOST
  std::string service_port;    // KUBERNETES_SERVICE_PORT
  std::string pod_namespace;   // POD_NAMESPACE
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";

  // Reads the variables above; SPARKCTL_K8S_SERVICE_ACCOUNT_DIR overrides
  // the service account directory (tests).
  static LoadingRules from_environment(const std::string& explicit_path);
  // The files to merge, in precedence order (missing KUBECONFIG entries are
  // skipped, as client-go does; a missing --kubeconfig is an error).
  std::vector<std::string> kubeconfig_files() const;
};

// Picks the context (--context, else current-context), its cluster and
// user, and the namespace; falls back to in-cluster when no kubeconfig
// file exists. Throws Error::usage when the config is unusable.
RestConfig load_rest_config(const LoadingRules& rules, const std::string& context_override);

// The namespace precedence: -n, else the config's, else "default".
std::string choose_namespace(const RestConfig& config, const std::string& namespace_override);

}  // namespace sparkctl::k8s
