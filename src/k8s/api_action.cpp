#include "sparkctl/k8s/api_action.hpp"

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

namespace {

std::string full_resource(const std::string& resource) {
  return resource == spark_plural ? resource + "." + spark_group : resource;
}

std::string singular(const std::string& resource) {
  if (resource == spark_plural) return "SparkApplication";
  if (!resource.empty() && resource.back() == 's') return resource.substr(0, resource.size() - 1);
  return resource;
}

std::string crd_missing(const std::string& server) {
  return std::string("the SparkApplication API (") + spark_api_version + ") is not served by " +
         server +
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

void explain(const ApiError& error, const ApiAction& action, const std::string& server) {
  const std::string resource = full_resource(action.resource);
  const std::string target =
      action.name.empty() ? resource : resource + " " + strings::quoted(action.name);
  const std::string where =
      action.namespace_.empty() ? "" : " in namespace " + strings::quoted(action.namespace_);
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
                             strings::quoted(action.namespace_) +
                             " does not exist (choose one with -n or kubernetes.namespace)");
      }
      if (!action.name.empty() &&
          message.find(strings::quoted(action.name) + " not found") != std::string::npos) {
        throw Error::cluster(singular(action.resource) + " " + strings::quoted(action.name) +
                             " not found" + where);
      }
      if (action.resource == spark_plural) throw Error::cluster(crd_missing(server));
      break;
    case 409:
      if (action.verb == "create") {
        throw Error::cluster(
            singular(action.resource) + " " + strings::quoted(action.name) + " already exists" +
            where + ": pass --replace to delete and recreate it, or choose another --name");
      }
      break;
    case 422: {
      std::string text = "the API server rejected " + singular(action.resource) + " " +
                         strings::quoted(action.name) + " as invalid (422)";
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

}  // namespace sparkctl::k8s
