// A user's application made readable by a driver pod: every local path
// (the main file, --py-files with folders zipped, --files, --jars,
// --archives, the packages of --requirements packed for the image's
// Python: cli/python_requirements.hpp) replaced by its URI under
// storage.staging_uri (storage/staging.hpp); remote URIs stay as they are.
// `render` and server dry runs plan the URIs without uploading; `submit`
// and `schedule` upload what the store does not have.
#pragma once

#include <filesystem>

#include "sparkctl/config/config.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::cli {

enum class Staging { plan, upload };

// Error::usage naming storage.staging_uri when a local path needs it and it
// is not set; Error::cluster when the store refuses (nothing created yet).
// Zips of folders are written under `work_dir`.
runtime::UserApplication staged_application(const config::Config& config,
                                            runtime::UserApplication app, Staging staging,
                                            const std::filesystem::path& work_dir);

}  // namespace sparkctl::cli
