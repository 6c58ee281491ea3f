// What the Kubernetes verbs share: the kube flags (--kubeconfig, --context,
// -n) as config overrides, and the cluster they lead to, on which the verbs
// call the typed operations of k8s:: (applications.hpp, pods.hpp, ...).
#pragma once

#include <string>
#include <vector>

#include "sparkctl/cli/command.hpp"
#include "sparkctl/k8s/cluster.hpp"

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
  k8s::Cluster cluster;    // in kubernetes.namespace (after -n)
  std::string context;     // kubernetes.context, "" = the kubeconfig's current one
  std::string kubeconfig;  // kubernetes.kubeconfig, "" = the default search

  const std::string& namespace_() const { return cluster.namespace_(); }
};

// Loads the config (with the kube flags and `extra` overrides on top) and
// connects to the cluster it names.
KubeSession open_kube_session(const GlobalOptions& globals, const KubeFlags& flags,
                              std::vector<config::Override> extra = {});

// `kubectl ... --context C --kubeconfig K -n NS` prefix that reaches the
// same cluster, for fallback hints.
std::string kubectl_prefix(const KubeSession& session);

}  // namespace sparkctl::cli
