// What `render`, `submit` and `schedule` share: --job, --job-args
// (job_flags.hpp), --name, and turning them plus the configuration into
// the k8s::RenderRequest of the application (what its driver runs, its
// name and namespace). The one place that knows how each kind of
// application becomes a DriverProgram.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "application_flags.hpp"
#include "application_staging.hpp"
#include "job_flags.hpp"
#include "sparkctl/cli/command.hpp"
#include "sparkctl/k8s/application_render.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

struct RenderFlags : JobFlags {
  std::string name;
  AppFlags app;  // with JobFlag::or_application: the user's own application
};

// --job, --job-args and --name; with JobFlag::or_application also the
// application and its flags (application_flags.hpp).
void add_render_flags(CLI::App& command, RenderFlags& flags, const std::string& name_help,
                      JobFlag job = JobFlag::required);

// The job's and flags' overrides for load_config (--job-args as
// jobs.<job>.<key>); throws Error::usage for an unknown job or argument.
std::vector<config::Override> render_overrides(const RenderFlags& flags);

// What the driver runs for these flags under `config`.
k8s::DriverProgram driver_program(const config::Config& config, const RenderFlags& flags);

// With an application instead of --job: the application (checked, and an
// explicit --name with it: exit 2 before anything is uploaded) with its
// files staged; nullopt for --job.
std::optional<runtime::UserApplication> staged_application_of(
    const config::Config& config, const RenderFlags& flags, const GlobalOptions& globals,
    Staging staging, const std::filesystem::path& work_dir);

enum class DefaultName {
  prefix,     // the program's name base (`render`, `schedule`)
  generated,  // the base with a time stamp and a random suffix (`submit`)
};
// The application to render: --name, else the default name (checked to be
// a valid name), in kubernetes.namespace of `config`. `staged` is the
// user's own application with its files staged (application_staging.hpp),
// null for --job.
k8s::RenderRequest render_request(const config::Config& config, const RenderFlags& flags,
                                  DefaultName default_name,
                                  const runtime::UserApplication* staged = nullptr);

}  // namespace sparkctl::cli
