#include "sparkctl/k8s/connect_session.hpp"

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

namespace {

constexpr std::size_t max_name = 63;
const std::string connect_suffix = "-connect";

nlohmann::ordered_json metadata(const RenderRequest& request,
                                const nlohmann::ordered_json& labels) {
  nlohmann::ordered_json with_app = labels;
  with_app["sparkoperator.k8s.io/app-name"] = request.name;
  return {{"name", connect_resource_name(request.name)},
          {"namespace", request.namespace_},
          {"labels", with_app}};
}

}  // namespace

std::string connect_resource_name(const std::string& app) {
  std::string base = app.substr(0, std::min(app.size(), max_name - connect_suffix.size()));
  while (!base.empty() && base.back() == '-') base.pop_back();
  return base + connect_suffix;
}

void add_connect_conf(nlohmann::ordered_json& spark_conf, const std::string& app, int port) {
  spark_conf[connect_bind_address_conf] = "0.0.0.0";
  spark_conf[connect_port_conf] = std::to_string(port);
  spark_conf[connect_token_conf] = connect_resource_name(app) + ":" + connect_token_key;
}

nlohmann::ordered_json render_connect_service(const RenderRequest& request,
                                              const nlohmann::ordered_json& labels, int port) {
  nlohmann::ordered_json service;
  service["apiVersion"] = "v1";
  service["kind"] = "Service";
  service["metadata"] = metadata(request, labels);
  // The labels spark-submit (run by the operator) puts on the driver pod.
  service["spec"] = {
      {"type", "ClusterIP"},
      {"selector", {{"sparkoperator.k8s.io/app-name", request.name}, {"spark-role", "driver"}}},
      {"ports", nlohmann::ordered_json::array({{{"name", connect_port_name},
                                                {"protocol", "TCP"},
                                                {"port", port},
                                                {"targetPort", port}}})}};
  return service;
}

nlohmann::ordered_json render_connect_service(const config::Config& config,
                                              const RenderRequest& request) {
  return render_connect_service(
      request, render_labels(config, request.program),
      static_cast<int>(config.get_int(config::keys::kubernetes_connect_port)));
}

std::string generate_connect_token() { return random_secret_token(); }

nlohmann::json connect_token_secret(const RenderRequest& request,
                                    const nlohmann::ordered_json& labels,
                                    const std::string& token) {
  nlohmann::json secret = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"type", "Opaque"}};
  secret["metadata"] = nlohmann::json(metadata(request, labels));
  secret["data"] = {{connect_token_key, base64_encode(token)}};
  return secret;
}

std::optional<SecretKeyRef> connect_token_ref(const nlohmann::json& application) {
  const auto conf = application.value("/spec/sparkConf"_json_pointer, nlohmann::json::object());
  const auto it = conf.find(connect_token_conf);
  if (it == conf.end() || !it->is_string()) return std::nullopt;
  const std::string ref = it->get<std::string>();
  const auto colon = ref.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == ref.size()) return std::nullopt;
  return SecretKeyRef{ref.substr(0, colon), ref.substr(colon + 1)};
}

}  // namespace sparkctl::k8s
