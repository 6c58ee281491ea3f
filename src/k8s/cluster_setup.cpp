#include "sparkctl/k8s/cluster_setup.hpp"

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;

json metadata(const SetupRequest& request, const std::string& name, bool namespaced) {
  json meta = {{"name", name}};
  if (namespaced) meta["namespace"] = request.namespace_;
  if (!request.labels.empty()) meta["labels"] = request.labels;
  return meta;
}

std::string core(const SetupRequest& request, const std::string& plural, const std::string& name) {
  return "/api/v1/namespaces/" + request.namespace_ + "/" + plural + "/" + name;
}

std::string rbac(const SetupRequest& request, const std::string& plural, const std::string& name) {
  return "/apis/rbac.authorization.k8s.io/v1/namespaces/" + request.namespace_ + "/" + plural +
         "/" + name;
}

// The driver creates, watches and deletes its executor pods, their
// Services and ConfigMaps (and PVCs for on-demand volumes), and reads its
// own pod and logs.
json driver_rules() {
  return json::array(
      {{{"apiGroups", {""}},
        {"resources", {"pods", "services", "configmaps", "persistentvolumeclaims"}},
        {"verbs",
         {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}}},
       {{"apiGroups", {""}}, {"resources", {"pods/log"}}, {"verbs", {"get", "list"}}}});
}

SetupObject secret(const SetupRequest& request, const std::string& name, const std::string& type,
                   const std::string& key, const std::string& bytes) {
  json object = {{"apiVersion", "v1"},
                 {"kind", "Secret"},
                 {"metadata", metadata(request, name, true)},
                 {"type", type},
                 {"data", {{key, base64_encode(bytes)}}}};
  return {"secret", name, core(request, "secrets", name), object, true};
}

}  // namespace

std::vector<SetupObject> cluster_setup(const SetupRequest& request) {
  std::vector<SetupObject> objects;
  const std::string& ns = request.namespace_;
  objects.push_back(
      {"namespace",
       ns,
       "/api/v1/namespaces/" + ns,
       {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", metadata(request, ns, false)}}});

  if (request.docker_config) {
    const auto config = json::parse(*request.docker_config, nullptr, false);
    if (!config.is_object() || !config.contains("auths"))
      throw Error::usage(
          "--docker-config: not a docker config.json (a JSON object with \"auths\")");
    objects.push_back(secret(request, request.image_pull_secret, "kubernetes.io/dockerconfigjson",
                             ".dockerconfigjson", *request.docker_config));
  }
  const json account = {{"apiVersion", "v1"},
                        {"kind", "ServiceAccount"},
                        {"metadata", metadata(request, request.service_account, true)}};
  const std::string account_path = core(request, "serviceaccounts", request.service_account);
  objects.push_back({"serviceaccount", request.service_account, account_path, account});
  if (!request.image_pull_secret.empty()) {
    json binding = {{"apiVersion", "v1"},
                    {"kind", "ServiceAccount"},
                    {"metadata", {{"name", request.service_account}, {"namespace", ns}}},
                    {"imagePullSecrets", json::array({{{"name", request.image_pull_secret}}})}};
    objects.push_back({"serviceaccount", request.service_account, account_path, binding, false,
                       "sparkctl-image-pull", "imagePullSecrets"});
  }

  const std::string role = request.service_account + "-driver";
  objects.push_back({"role.rbac.authorization.k8s.io",
                     role,
                     rbac(request, "roles", role),
                     {{"apiVersion", "rbac.authorization.k8s.io/v1"},
                      {"kind", "Role"},
                      {"metadata", metadata(request, role, true)},
                      {"rules", driver_rules()}}});
  objects.push_back(
      {"rolebinding.rbac.authorization.k8s.io",
       role,
       rbac(request, "rolebindings", role),
       {{"apiVersion", "rbac.authorization.k8s.io/v1"},
        {"kind", "RoleBinding"},
        {"metadata", metadata(request, role, true)},
        {"subjects",
         json::array(
             {{{"kind", "ServiceAccount"}, {"name", request.service_account}, {"namespace", ns}}})},
        {"roleRef",
         {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", role}}}}});

  if (request.key_file)
    objects.push_back(
        secret(request, request.key_secret, "Opaque", key_file_key, *request.key_file));
  return objects;
}

namespace {

// "serviceaccount" -> "serviceaccounts", for the API error's wording.
std::string plural(const SetupObject& object) {
  return object.kind.substr(0, object.kind.find('.')) + "s";
}

}  // namespace

void apply_cluster_setup(
    Cluster& cluster, const SetupRequest& request, bool dry_run,
    const std::function<void(const SetupObject&, std::optional<ApplyOutcome>)>& on_object) {
  bool namespace_is_new = false;
  for (const auto& object : cluster_setup(request)) {
    const bool is_namespace = object.kind == "namespace";
    if (dry_run && namespace_is_new && !is_namespace) {
      on_object(object, std::nullopt);
      continue;
    }
    const auto applied = api_call(
        cluster.server(),
        {"patch", plural(object), is_namespace ? "" : request.namespace_, object.name}, [&] {
          return apply(cluster.client(), object.path, object.object, dry_run, object.field_manager);
        });
    if (is_namespace) namespace_is_new = applied.outcome == ApplyOutcome::created;
    on_object(object, applied.outcome);
  }
}

bool pull_secret_missing(Cluster& cluster, const SetupRequest& request) {
  if (request.image_pull_secret.empty() || request.docker_config) return false;
  const auto response =
      cluster.client().request("GET", core(request, "secrets", request.image_pull_secret), "", "");
  return response.status == 404;
}

}  // namespace sparkctl::k8s
