// From loading rules to one RestConfig: kubeconfig files first, the
// in-cluster service account when there are none.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/kubeconfig.hpp"

namespace sparkctl::k8s {

namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string read_trimmed(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return strings::trim(ss.str());
}

RestConfig in_cluster(const LoadingRules& rules) {
  if (rules.service_host.empty() || rules.service_port.empty())
    throw Error::usage(
        "no Kubernetes configuration found: pass --kubeconfig, set KUBECONFIG, create "
        "~/.kube/config, or run inside a cluster");
  const std::string dir = rules.service_account_dir;
  const std::string token_file = dir + "/token";
  if (!fs::exists(token_file))
    throw Error::usage("in-cluster configuration: " + token_file + " does not exist");
  RestConfig rc;
  std::string host = rules.service_host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6
  rc.server = "https://" + host + ":" + rules.service_port;
  rc.cluster.server = rc.server;
  rc.cluster.certificate_authority = dir + "/ca.crt";
  rc.cluster.origin = "in-cluster";
  rc.user.token_file = token_file;  // re-read per request: the kubelet rotates it
  rc.user.origin = "in-cluster";
  rc.namespace_ =
      rules.pod_namespace.empty() ? read_trimmed(dir + "/namespace") : rules.pod_namespace;
  rc.source = "in-cluster service account (" + dir + ")";
  return rc;
}

}  // namespace

LoadingRules LoadingRules::from_environment(const std::string& explicit_path) {
  LoadingRules r;
  r.explicit_path = explicit_path;
  r.kubeconfig_env = env("KUBECONFIG");
  r.home = env("HOME");
  r.service_host = env("KUBERNETES_SERVICE_HOST");
  r.service_port = env("KUBERNETES_SERVICE_PORT");
  r.pod_namespace = env("POD_NAMESPACE");
  if (std::string d = env("SPARKCTL_K8S_SERVICE_ACCOUNT_DIR"); !d.empty())
    r.service_account_dir = d;
  return r;
}

std::vector<std::string> LoadingRules::kubeconfig_files() const {
  if (!explicit_path.empty()) {
    if (!fs::exists(explicit_path))
      throw Error::usage("--kubeconfig " + explicit_path + ": no such file");
    return {explicit_path};
  }
  std::vector<std::string> files;
  if (!kubeconfig_env.empty()) {
    std::stringstream ss(kubeconfig_env);
    for (std::string p; std::getline(ss, p, ':');) {
      if (p.empty() || !fs::exists(p)) continue;
      bool seen = false;
      for (const auto& f : files) seen = seen || fs::equivalent(f, p);
      if (!seen) files.push_back(p);
    }
    return files;
  }
  if (!home.empty() && fs::exists(home + "/.kube/config")) files.push_back(home + "/.kube/config");
  return files;
}

RestConfig load_rest_config(const LoadingRules& rules, const std::string& context_override) {
  const auto files = rules.kubeconfig_files();
  if (files.empty()) {
    if (!context_override.empty())
      throw Error::usage("--context " + context_override + ": no kubeconfig file was found");
    return in_cluster(rules);
  }
  Kubeconfig kc;
  for (const auto& f : files) kc.merge_file(f);
  const std::string where = strings::join(files, ":");

  const std::string name = context_override.empty() ? kc.current_context : context_override;
  if (name.empty()) throw Error::usage(where + ": no current-context is set; pass --context");
  auto ctx = kc.contexts.find(name);
  if (ctx == kc.contexts.end()) {
    std::vector<std::string> names;
    for (const auto& [n, c] : kc.contexts) names.push_back(n);
    std::string hint = strings::closest(name, names);
    throw Error::usage(where + ": context \"" + name + "\" does not exist" +
                       (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
  }
  auto cluster = kc.clusters.find(ctx->second.cluster);
  if (cluster == kc.clusters.end())
    throw Error::usage(ctx->second.origin + ": context \"" + name + "\" names cluster \"" +
                       ctx->second.cluster + "\", which is not defined");
  if (cluster->second.server.empty())
    throw Error::usage(cluster->second.origin + ": cluster \"" + ctx->second.cluster +
                       "\" has no server");
  RestConfig rc;
  rc.cluster = cluster->second;
  if (!ctx->second.user.empty()) {
    auto user = kc.users.find(ctx->second.user);
    if (user == kc.users.end())
      throw Error::usage(ctx->second.origin + ": context \"" + name + "\" names user \"" +
                         ctx->second.user + "\", which is not defined");
    rc.user = user->second;
  }
  rc.server = rc.cluster.server;
  while (!rc.server.empty() && rc.server.back() == '/') rc.server.pop_back();
  rc.namespace_ = ctx->second.namespace_;
  rc.context = name;
  rc.source = "kubeconfig " + where + " (context " + name + ")";
  return rc;
}

std::string choose_namespace(const RestConfig& config, const std::string& namespace_override) {
  if (!namespace_override.empty()) return namespace_override;
  if (!config.namespace_.empty()) return config.namespace_;
  return "default";
}

}  // namespace sparkctl::k8s
