// What the Kubernetes verbs share: the kube flags (--kubeconfig, --context,
// -n) as config overrides, the connection they lead to, and API errors put
// into the user's words (which verb on which resource was refused, how to
// install the operator, which fields are invalid).
#pragma once

#include <string>
#include <vector>

#include "sparkctl/cli/command.hpp"
#include "sparkctl/k8s/client.hpp"

namespace sparkctl::cli {

struct KubeFlags {
  std::string kubeconfig;
  std::string context;
  std::string namespace_;
};

// Adds --kubeconfig, --context and -n/--namespace to `command`.
void add_kube_flags(CLI::App& command, KubeFlags& flags);
// NAME (a SparkApplication, required) plus the kube flags.
void add_application_flags(CLI::App& command, std::string& name, KubeFlags& flags);
// The flags as overrides of kubernetes.kubeconfig/context/namespace, so
// they beat the config file and SPARKCTL_* and show up as origins.
std::vector<config::Override> kube_overrides(const KubeFlags& flags);

struct KubeSession {
  config::Config config;
  k8s::Client client;
  std::string namespace_;  // kubernetes.namespace (after -n)
  std::string context;     // kubernetes.context, "" = the kubeconfig's current one
  std::string kubeconfig;  // kubernetes.kubeconfig, "" = the default search
};

// Loads the config (with the kube flags and `extra` overrides on top) and
// connects to the cluster it names.
KubeSession open_kube_session(const GlobalOptions& globals, const KubeFlags& flags,
                              std::vector<config::Override> extra = {});

// One API call on a SparkApplication; an ApiError becomes a sparkctl::Error
// that says what was refused and what to do. `verb` is the RBAC verb
// (create, get, list, watch, delete, patch), `name` "" for collections.
struct ApiAction {
  std::string verb;
  std::string resource = "sparkapplications";
  std::string namespace_;
  std::string name;
};
[[noreturn]] void explain(const k8s::ApiError& error, const ApiAction& action,
                          const std::string& server);

template <typename Call>
auto api_call(KubeSession& session, const ApiAction& action, Call&& call) {
  try {
    return call();
  } catch (const k8s::ApiError& error) {
    explain(error, action, session.client.server());
  }
}

// GET of one SparkApplication in the session's namespace, errors explained.
nlohmann::json get_application(KubeSession& session, const std::string& name);

// `kubectl ... --context C --kubeconfig K -n NS` prefix that reaches the
// same cluster, for fallback hints.
std::string kubectl_prefix(const KubeSession& session);

}  // namespace sparkctl::cli
