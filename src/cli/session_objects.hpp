// The objects next to a SparkApplication whose driver serves Spark Connect
// sessions (k8s/connect_session.hpp): its token Secret and its Service.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube_context.hpp"
#include "render_flags.hpp"

namespace sparkctl::cli {

// Creates the Secret (with a new random token) and the Service, owned by
// `application` as the API server returned it. If either cannot be made,
// the application is deleted again, since a driver without its token never
// starts, and the error is thrown. Returns "secret/NAME", "service/NAME".
std::vector<std::string> create_session_objects(KubeSession& session, const RenderFlags& flags,
                                                const nlohmann::json& application,
                                                const std::string& name, bool dry_run);

// Deletes the Secret and the Service of application `name`, if they exist
// and are owned by it (a real cluster's garbage collector would, later).
// Returns what it deleted, as above.
std::vector<std::string> delete_session_objects(KubeSession& session, const std::string& name);

}  // namespace sparkctl::cli
