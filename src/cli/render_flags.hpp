// What `render`, `submit` and `schedule` share: --job, --job-args (job_flags.hpp), --name, and
// turning them plus the configuration into a SparkApplication.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "job_flags.hpp"
#include "sparkctl/cli/command.hpp"

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

// --name, else `default_name`; checked to be a valid name.
std::string application_name(const RenderFlags& flags, const std::string& default_name);

// The SparkApplication `name` in kubernetes.namespace of `config`.
nlohmann::ordered_json render(const config::Config& config, const RenderFlags& flags,
                              const std::string& name);

// True when the job's driver serves Spark Connect sessions on the cluster
// (the interactive job): its SparkApplication comes with a Service, and
// `submit` adds a Secret with its token (k8s/connect_session.hpp).
bool serves_sessions(const RenderFlags& flags);

// That Service, for the application `name`.
nlohmann::ordered_json render_service(const config::Config& config, const RenderFlags& flags,
                                      const std::string& name);

}  // namespace sparkctl::cli
