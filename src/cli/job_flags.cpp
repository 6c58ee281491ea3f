#include "job_flags.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "sparkctl/cli/command.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::cli {

void add_job_flags(CLI::App& command, JobFlags& flags, JobFlag job) {
  auto* option = command.add_option("--job", flags.job, "Job to run (see `sparkctl jobs`)");
  if (job == JobFlag::required) option->required();
  command.add_option("--job-args", flags.job_args,
                     "Job arguments as key=value, typed as `sparkctl jobs` shows (e.g. "
                     "partitions=10 message=yummy)");
}

std::vector<config::Override> job_overrides(const JobFlags& flags) {
  return job_arg_overrides(flags.job, flags.job_args);
}

std::optional<JobFlags> parse_job_arguments(const std::vector<std::string>& args) {
  const bool sparkctls = std::any_of(args.begin(), args.end(), [](const std::string& arg) {
    return arg == "--job" || arg.rfind("--job=", 0) == 0;
  });
  if (!sparkctls) return std::nullopt;
  CLI::App parser{"sparkctl's application arguments", "driver"};
  JobFlags flags;
  add_job_flags(parser, flags);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them backwards
  try {
    parser.parse(reversed);
  } catch (const CLI::ParseError& e) {
    throw Error::usage(std::string("driver: ") + e.what() +
                       " (sparkctl's application arguments are --job NAME --job-args k=v ...)");
  }
  return flags;
}

}  // namespace sparkctl::cli
