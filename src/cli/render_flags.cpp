#include "render_flags.hpp"

#include <CLI/CLI.hpp>

#include "application_program.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/runtime/driver_classes.hpp"

namespace sparkctl::cli {

namespace {

std::string text_of(const config::Data& data) {
  if (const auto* s = std::get_if<std::string>(&data)) return *s;
  if (const auto* b = std::get_if<bool>(&data)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&data)) return std::to_string(*i);
  if (const auto* d = std::get_if<std::chrono::seconds>(&data)) return canonical_duration(*d);
  std::vector<std::string> pairs;
  for (const auto& [k, v] : std::get<config::StringMap>(data)) pairs.push_back(k + "=" + v);
  return strings::join(pairs, ",");
}

// `--job NAME --job-args k=v ...` with every argument of the job as the
// configuration resolved it here: the driver pod has no copy of the
// user's config file, so defaults and file values are passed explicitly.
// An empty value whose default is empty too is left out (no `message=`):
// the entrypoint takes the built-in default for what is absent.
std::vector<std::string> job_arguments(const config::Config& config, const std::string& job) {
  std::vector<std::string> args = {"--job", job};
  const std::string prefix = "jobs." + job + ".";
  std::vector<std::string> pairs;
  for (const auto& entry : config.entries()) {
    const std::string& key = entry.item->key;
    if (!strings::starts_with(key, prefix)) continue;
    if (entry.item->type == config::ValueType::secret) continue;  // never into a spec
    const std::string value = text_of(entry.value);
    if (value.empty() && entry.item->default_value.empty()) continue;
    pairs.push_back(key.substr(prefix.size()) + "=" + value);
  }
  if (!pairs.empty()) {
    args.push_back("--job-args");
    for (auto& pair : pairs) args.push_back(std::move(pair));
  }
  return args;
}

}  // namespace

void add_render_flags(CLI::App& command, RenderFlags& flags, const std::string& name_help,
                      JobFlag job) {
  add_job_flags(command, flags, job);
  if (job == JobFlag::or_application) add_app_flags(command, flags.app);
  command.add_option("--name", flags.name, name_help);
}

std::vector<config::Override> render_overrides(const RenderFlags& flags) {
  if (flags.job.empty()) return {};
  return job_overrides(flags);
}

k8s::DriverProgram driver_program(const config::Config& config, const RenderFlags& flags) {
  // A compiled-in job: the image's entrypoint (sparkctl) starts the Spark
  // Connect server in the driver pod and runs the job against it.
  k8s::DriverProgram program;
  program.type = "Scala";
  program.main_class = runtime::driver_main_class;
  program.main_file = runtime::driver_resource;
  program.arguments = job_arguments(config, flags.job);
  program.job = flags.job;
  program.name_base = flags.job;
  program.serves_sessions = jobs::find_job(flags.job).serves_sessions;
  return program;
}

std::optional<runtime::UserApplication> staged_application_of(
    const config::Config& config, const RenderFlags& flags, const GlobalOptions& globals,
    Staging staging, const std::filesystem::path& work_dir) {
  check_job_or_application(flags, flags.app);
  if (flags.app.application.empty()) return std::nullopt;
  // render_request checks the name too, but only after the upload.
  if (!flags.name.empty()) k8s::validate_name(flags.name);
  return staged_application(config, user_application(flags.app, globals), staging, work_dir);
}

k8s::RenderRequest render_request(const config::Config& config, const RenderFlags& flags,
                                  DefaultName default_name,
                                  const runtime::UserApplication* staged) {
  k8s::RenderRequest request;
  request.program = staged ? application_program(config, *staged) : driver_program(config, flags);
  request.namespace_ = config.get_string(config::keys::kubernetes_namespace);
  request.name = flags.name;
  if (request.name.empty()) {
    request.name = default_name == DefaultName::generated
                       ? k8s::generate_name(request.program.name_base)
                       : k8s::name_prefix(request.program.name_base);
  }
  k8s::validate_name(request.name);
  return request;
}

}  // namespace sparkctl::cli
