// --job NAME and --job-args k=v ...: one definition for `run`, `render`,
// `submit`, `schedule` and the container entrypoint's driver, which reads
// them from the SparkApplication's arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

struct JobFlags {
  std::string job;
  std::vector<std::string> job_args;
};

enum class JobFlag { required, or_application };
// Adds --job and --job-args to `command`; with or_application, --job may
// be left out for the user's own application (application_flags.hpp).
void add_job_flags(CLI::App& command, JobFlags& flags, JobFlag job = JobFlag::required);

// The overrides of jobs.<job>.<key> (job_arg_overrides).
std::vector<config::Override> job_overrides(const JobFlags& flags);

// The driver's application arguments, `--job NAME [--job-args k=v ...]`,
// parsed as `run` parses them; nullopt when there is no --job (the
// application is not sparkctl's). Anything else is Error::usage.
std::optional<JobFlags> parse_job_arguments(const std::vector<std::string>& args);

}  // namespace sparkctl::cli
