// What a driver pod runs for a user's own application, once its files are
// staged (application_staging.hpp): a script on Spark Connect runs like a
// compiled-in job (sparkctl's driver starts the server and the script
// against it); a --classic script or a jar is the operator's ordinary
// Python or Java application. Either way the driver's entrypoint fetches
// the staged files first (runtime/application_deps.hpp), with the store's
// endpoint from the storage.* keys and its credentials from storage.secret.
#pragma once

#include "sparkctl/config/config.hpp"
#include "sparkctl/k8s/application_render.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::cli {

k8s::DriverProgram application_program(const config::Config& config,
                                       const runtime::UserApplication& staged);

}  // namespace sparkctl::cli
