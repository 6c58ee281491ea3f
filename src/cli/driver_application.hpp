// The driver pod's part of a user's own application (`submit app.py`,
// `submit app.jar`): its staged files (runtime/application_deps.hpp)
// fetched into the working directory with sparkctl's own store clients,
// as spark-submit on Kubernetes places --files there.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/runtime/driver_entrypoint.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::cli {

// The application of $SPARKCTL_APP_DEPS with every staged URI downloaded
// into `dir` (local paths in its place); nullopt when the variable is not
// set. Error::cluster when the store refuses.
std::optional<runtime::UserApplication> fetch_application_deps(const config::Config& config,
                                                               const std::filesystem::path& dir);

// `args` (after `driver`, as Spark gave them; `command` is their parse)
// for spark-submit with the fetched files in place: --py-files, --files,
// --jars, --archives added, the primary resource replaced by its download.
std::vector<std::string> classic_driver_arguments(const std::vector<std::string>& args,
                                                  const runtime::DriverCommand& command,
                                                  const runtime::UserApplication& fetched);

}  // namespace sparkctl::cli
