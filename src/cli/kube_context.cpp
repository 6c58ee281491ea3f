#include "kube_context.hpp"

#include <CLI/CLI.hpp>

#include "sparkctl/config/keys.hpp"

namespace sparkctl::cli {

void add_kube_flags(CLI::App& command, KubeFlags& flags) {
  command.add_option(
      "--kubeconfig", flags.kubeconfig,
      "kubeconfig file (overrides kubernetes.kubeconfig; default: $KUBECONFIG, ~/.kube/config)");
  command.add_option("--context", flags.context,
                     "kubeconfig context (overrides kubernetes.context)");
  command.add_option("-n,--namespace", flags.namespace_,
                     "namespace (overrides kubernetes.namespace)");
}

void add_application_flags(CLI::App& command, std::string& name, KubeFlags& flags) {
  command.add_option("NAME", name, "SparkApplication name")->required();
  add_kube_flags(command, flags);
}

std::vector<config::Override> kube_overrides(const KubeFlags& flags) {
  std::vector<config::Override> out;
  if (!flags.kubeconfig.empty())
    out.push_back({config::keys::kubernetes_kubeconfig, flags.kubeconfig, "--kubeconfig"});
  if (!flags.context.empty())
    out.push_back({config::keys::kubernetes_context, flags.context, "--context"});
  if (!flags.namespace_.empty())
    out.push_back({config::keys::kubernetes_namespace, flags.namespace_, "--namespace"});
  return out;
}

KubeSession open_kube_session(const GlobalOptions& globals, const KubeFlags& flags,
                              std::vector<config::Override> extra) {
  auto overrides = kube_overrides(flags);
  for (auto& o : extra) overrides.push_back(std::move(o));
  config::Config config = load_config(globals, std::move(overrides));
  k8s::ClientOptions options;
  options.kubeconfig = config.get_string(config::keys::kubernetes_kubeconfig);
  options.context = config.get_string(config::keys::kubernetes_context);
  options.namespace_override = config.get_string(config::keys::kubernetes_namespace);
  auto client = k8s::Client::connect(options);
  std::string ns = client.default_namespace();
  return KubeSession{std::move(config), k8s::Cluster(std::move(client), std::move(ns)),
                     options.context, options.kubeconfig};
}

std::string kubectl_prefix(const KubeSession& session) {
  std::string out = "kubectl";
  if (!session.kubeconfig.empty()) out += " --kubeconfig " + session.kubeconfig;
  if (!session.context.empty()) out += " --context " + session.context;
  return out + " -n " + session.namespace_();
}

}  // namespace sparkctl::cli
