#include "kube_context.hpp"

#include <CLI/CLI.hpp>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string full_resource(const std::string& resource) {
  return resource == k8s::spark_plural ? resource + "." + k8s::spark_group : resource;
}

std::string singular(const std::string& resource) {
  if (resource == k8s::spark_plural) return "SparkApplication";
  if (!resource.empty() && resource.back() == 's') return resource.substr(0, resource.size() - 1);
  return resource;
}

std::string crd_missing(const std::string& server) {
  return std::string("the SparkApplication API (") + k8s::spark_api_version +
         ") is not served by " + server +
         ": the kubeflow spark-operator is not installed. Install it with Helm (chart repository "
         "of "
         "github.com/kubeflow/spark-operator added as `spark-operator`): `helm install "
         "spark-operator "
         "spark-operator/spark-operator --namespace spark-operator --create-namespace`, or install "
         "only "
         "its CRD: `kubectl apply --server-side -f "
         "charts/spark-operator-chart/crds/sparkoperator.k8s.io_sparkapplications.yaml` from that "
         "repository";
}

}  // namespace

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
  return KubeSession{std::move(config), std::move(client), std::move(ns), options.context,
                     options.kubeconfig};
}

void explain(const k8s::ApiError& error, const ApiAction& action, const std::string& server) {
  const std::string resource = full_resource(action.resource);
  const std::string target = action.name.empty() ? resource : resource + " " + quoted(action.name);
  const std::string where =
      action.namespace_.empty() ? "" : " in namespace " + quoted(action.namespace_);
  const std::string& message = error.api_message();
  switch (error.status()) {
    case 401:
      throw Error::cluster("the API server " + server +
                           " did not accept the credentials (401 Unauthorized) "
                           "while trying to " +
                           action.verb + " " + target + where +
                           ": check the user of the kubeconfig context (token expired or wrong?)");
    case 403:
      throw Error::cluster("forbidden: not allowed to " + action.verb + " " + target + where +
                           " (403 Forbidden)" + (message.empty() ? "" : ": " + message));
    case 404:
      if (message.find("namespaces \"") != std::string::npos) {
        throw Error::cluster("cannot " + action.verb + " " + target + ": namespace " +
                             quoted(action.namespace_) +
                             " does not exist (choose one with -n or kubernetes.namespace)");
      }
      if (!action.name.empty() &&
          message.find(quoted(action.name) + " not found") != std::string::npos) {
        throw Error::cluster(singular(action.resource) + " " + quoted(action.name) + " not found" +
                             where);
      }
      if (action.resource == k8s::spark_plural) throw Error::cluster(crd_missing(server));
      break;
    case 409:
      if (action.verb == "create") {
        throw Error::cluster(
            singular(action.resource) + " " + quoted(action.name) + " already exists" + where +
            ": pass --replace to delete and recreate it, or choose another --name");
      }
      break;
    case 422: {
      std::string text = "the API server rejected " + singular(action.resource) + " " +
                         quoted(action.name) + " as invalid (422)";
      if (error.causes().empty()) {
        text += ": " + message;
      } else {
        for (const auto& cause : error.causes()) text += "\n  - " + cause;
      }
      throw Error::usage(text);
    }
    default:
      break;
  }
  throw Error::cluster("cannot " + action.verb + " " + target + where + ": " + error.what());
}

nlohmann::json get_application(KubeSession& session, const std::string& name) {
  const std::string& ns = session.namespace_;
  return api_call(session, {"get", k8s::spark_plural, ns, name},
                  [&] { return session.client.get(k8s::application_path(ns, name)); });
}

std::string kubectl_prefix(const KubeSession& session) {
  std::string out = "kubectl";
  if (!session.kubeconfig.empty()) out += " --kubeconfig " + session.kubeconfig;
  if (!session.context.empty()) out += " --context " + session.context;
  return out + " -n " + session.namespace_;
}

}  // namespace sparkctl::cli
