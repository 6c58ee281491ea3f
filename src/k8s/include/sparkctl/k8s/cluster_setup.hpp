// What a namespace needs before Spark applications can run in it, as
// `sparkctl init` applies it: the namespace, the driver's service account
// with the Role and RoleBinding that let it manage its executors, and
// optionally the key-file Secret jobs mount and an image pull Secret the
// service account uses. The same Role as manifests/rbac.yaml.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/server_side_apply.hpp"

namespace sparkctl::k8s {

struct SetupRequest {
  std::string namespace_;
  std::string service_account;
  std::map<std::string, std::string> labels;  // on every object (kubernetes.labels)
  // The key file's bytes for Secret `key_secret` (key "key.json").
  std::optional<std::string> key_file;
  std::string key_secret = "spark-key-file";
  // An image pull Secret bound to the service account; created from a
  // docker config.json (`docker_config`) when given, else it must exist.
  std::string image_pull_secret;
  std::optional<std::string> docker_config;
};

struct SetupObject {
  std::string kind;  // as kubectl names it: "namespace", "role.rbac.authorization.k8s.io"
  std::string name;
  std::string path;  // the object's URL
  nlohmann::json object;
  bool secret = false;  // never printed
  // The service account's imagePullSecrets have a field manager of their
  // own, so that an init without --image-pull-secret leaves them alone
  // (server-side apply drops the fields a manager stops sending).
  std::string field_manager = "sparkctl";
  std::string part;  // "" (the object), "imagePullSecrets"
};

// In the order they must be applied (the namespace first). Throws
// Error::usage for a docker config that is not JSON.
std::vector<SetupObject> cluster_setup(const SetupRequest& request);

// Applies the objects of cluster_setup(request) in order, each by
// server-side apply, calling `on_object` with what became of it: nullopt
// when a dry run could not validate it (its namespace does not exist yet,
// and a dry run creates none).
void apply_cluster_setup(
    Cluster& cluster, const SetupRequest& request, bool dry_run,
    const std::function<void(const SetupObject&, std::optional<ApplyOutcome>)>& on_object);

// True when request.image_pull_secret is named, not made from a docker
// config, and does not exist: pods cannot pull from a private registry.
bool pull_secret_missing(Cluster& cluster, const SetupRequest& request);

// The key of the key file in its Secret (storage.key_file is
// <mount path>/key.json).
inline constexpr const char* key_file_key = "key.json";

}  // namespace sparkctl::k8s
