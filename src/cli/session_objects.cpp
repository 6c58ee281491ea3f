#include "session_objects.hpp"

#include <spdlog/spdlog.h>

#include "sparkctl/k8s/api_error.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

std::vector<std::string> create_session_objects(KubeSession& session, const RenderFlags& flags,
                                                const nlohmann::json& application,
                                                const std::string& name, bool dry_run) {
  const std::string& ns = session.namespace_;
  const k8s::RenderRequest request{flags.job, name, ns, true};
  const auto labels = k8s::render_labels(session.config, flags.job);
  const auto owner = k8s::owner_reference(application);
  auto owned = [&](nlohmann::json object) {
    if (!owner.is_null()) object["metadata"]["ownerReferences"] = nlohmann::json::array({owner});
    return object;
  };
  const std::string object_name = k8s::connect_resource_name(name);
  const std::string api = "/api/v1/namespaces/" + ns;
  std::vector<std::string> created;
  try {
    api_call(session, {"create", "secrets", ns, object_name}, [&] {
      return session.client.create(
          api + "/secrets",
          owned(k8s::connect_token_secret(request, labels, k8s::generate_connect_token())),
          dry_run);
    });
    created.push_back("secret/" + object_name);
    api_call(session, {"create", "services", ns, object_name}, [&] {
      return session.client.create(api + "/services",
                                   owned(render_service(session.config, flags, name)), dry_run);
    });
    created.push_back("service/" + object_name);
  } catch (const Error&) {
    if (!dry_run) {
      spdlog::warn("deleting SparkApplication {} again: its session objects could not be created",
                   name);
      session.client.request("DELETE", k8s::application_path(ns, name), "", "");
      if (!created.empty())
        session.client.request("DELETE", api + "/secrets/" + object_name, "", "");
    }
    throw;
  }
  return created;
}

std::vector<std::string> delete_session_objects(KubeSession& session, const std::string& name) {
  const std::string& ns = session.namespace_;
  const std::string object_name = k8s::connect_resource_name(name);
  std::vector<std::string> deleted;
  struct Kind {
    const char* plural;
    const char* singular;
  };
  for (const Kind kind : {Kind{"services", "service"}, Kind{"secrets", "secret"}}) {
    const std::string path = "/api/v1/namespaces/" + ns + "/" + kind.plural + "/" + object_name;
    auto found = session.client.request("GET", path, "", "");
    if (found.status != 200 || !k8s::owned_by_application(found.json(), name)) continue;
    // The cluster's garbage collector may remove it between the GET and the
    // DELETE (the application it belongs to was just deleted): gone is gone.
    api_call(session, {"delete", kind.plural, ns, object_name}, [&] {
      try {
        return session.client.remove(path);
      } catch (const k8s::ApiError& error) {
        if (error.status() != 404) throw;
        return nlohmann::json();
      }
    });
    deleted.push_back(std::string(kind.singular) + "/" + object_name);
  }
  return deleted;
}

}  // namespace sparkctl::cli
