// What `render`, `submit` and `schedule` share: --job, --job-args
// (job_flags.hpp), --name, and turning them plus the configuration into
// the k8s::RenderRequest of the application (what its driver runs, its
// name and namespace). The one place that knows how each kind of
// application becomes a DriverProgram.
#pragma once

#include <string>
#include <vector>

#include "job_flags.hpp"
#include "sparkctl/cli/command.hpp"
#include "sparkctl/k8s/application_render.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

struct RenderFlags : JobFlags {
  std::string name;
};

void add_render_flags(CLI::App& command, RenderFlags& flags, const std::string& name_help);

// The job's and flags' overrides for load_config (--job-args as
// jobs.<job>.<key>); throws Error::usage for an unknown job or argument.
std::vector<config::Override> render_overrides(const RenderFlags& flags);

// What the driver runs for these flags under `config`.
k8s::DriverProgram driver_program(const config::Config& config, const RenderFlags& flags);

enum class DefaultName {
  prefix,     // the program's name base (`render`, `schedule`)
  generated,  // the base with a time stamp and a random suffix (`submit`)
};
// The application to render: --name, else the default name (checked to be
// a valid name), in kubernetes.namespace of `config`.
k8s::RenderRequest render_request(const config::Config& config, const RenderFlags& flags,
                                  DefaultName default_name);

}  // namespace sparkctl::cli
