#include "render_flags.hpp"

#include <CLI/CLI.hpp>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

void add_render_flags(CLI::App& command, RenderFlags& flags, const std::string& name_help) {
  add_job_flags(command, flags);
  command.add_option("--name", flags.name, name_help);
}

std::vector<config::Override> render_overrides(const RenderFlags& flags) {
  return job_overrides(flags);
}

std::string application_name(const RenderFlags& flags, const std::string& default_name) {
  std::string name = flags.name.empty() ? default_name : flags.name;
  k8s::validate_name(name);
  return name;
}

namespace {

k8s::RenderRequest request_for(const config::Config& config, const RenderFlags& flags,
                               const std::string& name) {
  return {flags.job, name, config.get_string(config::keys::kubernetes_namespace),
          serves_sessions(flags)};
}

}  // namespace

nlohmann::ordered_json render(const config::Config& config, const RenderFlags& flags,
                              const std::string& name) {
  return k8s::render_application(config, request_for(config, flags, name));
}

bool serves_sessions(const RenderFlags& flags) { return jobs::find_job(flags.job).serves_sessions; }

nlohmann::ordered_json render_service(const config::Config& config, const RenderFlags& flags,
                                      const std::string& name) {
  return k8s::render_connect_service(
      request_for(config, flags, name), k8s::render_labels(config, flags.job),
      static_cast<int>(config.get_int(config::keys::kubernetes_connect_port)));
}

}  // namespace sparkctl::cli
