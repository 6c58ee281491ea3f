#include "sparkctl/k8s/session_objects.hpp"

#include <spdlog/spdlog.h>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/secret_data.hpp"

namespace sparkctl::k8s {

namespace {

nlohmann::json owner_reference(const SparkApplication& app) {
  if (app.metadata.uid.empty()) return nullptr;  // a dry run's object has none
  return {{"apiVersion", spark_api_version},
          {"kind", spark_kind},
          {"name", app.name()},
          {"uid", app.metadata.uid}};
}

}  // namespace

std::vector<std::string> SessionObjects::create(const config::Config& config,
                                                const RenderRequest& request,
                                                const SparkApplication& owner, bool dry_run) {
  const auto labels = render_labels(config, request.program);
  const auto reference = owner_reference(owner);
  auto owned = [&](nlohmann::json object) {
    if (!reference.is_null())
      object["metadata"]["ownerReferences"] = nlohmann::json::array({reference});
    return object;
  };
  const std::string name = connect_resource_name(request.name);
  std::vector<std::string> created;
  try {
    cluster_.call("create", "secrets", name, [&] {
      return cluster_.client().create(
          cluster_.core_path("secrets"),
          owned(connect_token_secret(request, labels, generate_connect_token())), dry_run);
    });
    created.push_back("secret/" + name);
    cluster_.call("create", "services", name, [&] {
      return cluster_.client().create(cluster_.core_path("services"),
                                      owned(render_connect_service(config, request)), dry_run);
    });
    created.push_back("service/" + name);
  } catch (const Error&) {
    if (!dry_run) {
      spdlog::warn("deleting SparkApplication {} again: its session objects could not be created",
                   request.name);
      Applications(cluster_).remove(request.name);
      if (!created.empty())
        cluster_.client().request("DELETE", cluster_.core_path("secrets", name), "", "");
    }
    throw;
  }
  return created;
}

std::vector<std::string> SessionObjects::remove(const std::string& app) {
  const std::string name = connect_resource_name(app);
  std::vector<std::string> deleted;
  struct Kind {
    const char* plural;
    const char* singular;
  };
  for (const Kind kind : {Kind{"services", "service"}, Kind{"secrets", "secret"}}) {
    const std::string path = cluster_.core_path(kind.plural, name);
    auto found = cluster_.client().request("GET", path, "", "");
    if (found.status != 200 || !ObjectMeta::from_json(found.json()).owned_by(spark_kind, app))
      continue;
    // The cluster's garbage collector may remove it between the GET and the
    // DELETE (the application it belongs to was just deleted): gone is gone.
    cluster_.call("delete", kind.plural, name, [&] {
      try {
        return cluster_.client().remove(path);
      } catch (const ApiError& error) {
        if (error.status() != 404) throw;
        return nlohmann::json();
      }
    });
    deleted.push_back(std::string(kind.singular) + "/" + name);
  }
  return deleted;
}

std::optional<SessionObjects::Token> SessionObjects::token(const SparkApplication& app) {
  const auto ref = connect_token_ref(app.object);
  if (!ref) return std::nullopt;
  const auto secret = cluster_.call("get", "secrets", ref->name, [&] {
    return cluster_.client().get(cluster_.core_path("secrets", ref->name));
  });
  const auto values = secret_data(secret);
  const auto it = values.find(ref->key);
  if (it == values.end() || it->second.empty()) {
    throw Error::cluster(
        "Secret " + strings::quoted(ref->name) + " in namespace " +
        strings::quoted(cluster_.namespace_()) + " has no key " + strings::quoted(ref->key) +
        ": it should hold the Spark Connect token of " + strings::quoted(app.name()));
  }
  return Token{ref->name, it->second};
}

}  // namespace sparkctl::k8s
