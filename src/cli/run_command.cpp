// `sparkctl run --job NAME`: runs a compiled-in job on real Spark through
// Spark Connect: on --remote / spark.remote, else on the warm server of
// `sparkctl server start`, else on a local server started for this run and
// stopped afterwards (also on failure and Ctrl-C). `sparkctl run app.py`
// runs the user's own script the same way (runtime/local_application.hpp),
// and a jar or a --classic script through spark-submit.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>

#include "application_flags.hpp"
#include "connect_token.hpp"
#include "job_flags.hpp"
#include "job_session.hpp"
#include "python_requirements.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/scratch_dir.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/runtime/local_application.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_target.hpp"

namespace sparkctl::cli {

namespace {

struct RunOptions {
  JobFlags job_flags;
  AppFlags app_flags;
  std::string remote;
  std::string token_file;
  std::string master;
};

std::vector<config::Override> overrides_of(const RunOptions& options) {
  std::vector<config::Override> overrides;
  if (!options.job_flags.job.empty()) overrides = job_overrides(options.job_flags);
  if (!options.remote.empty())
    overrides.push_back({config::keys::spark_remote, options.remote, "--remote"});
  if (!options.master.empty())
    overrides.push_back({config::keys::spark_master, options.master, "--master"});
  return overrides;
}

double seconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

int run_job(const RunOptions& options, const GlobalOptions& globals) {
  const auto started = std::chrono::steady_clock::now();
  const jobs::Job& job = jobs::find_job(options.job_flags.job);
  const auto config = load_config(globals, overrides_of(options));
  if (!job.handles_interrupts) runtime::Interrupts::install();

  std::vector<std::string> jars;
  if (config.get_string(config::keys::spark_remote).empty() && job.server_jars)
    jars = job.server_jars(config);
  auto target = runtime::acquire_spark(config, jars);
  const auto channel = connect_channel(target, options.token_file);
  spdlog::debug("running {} on {} {}", job.name, runtime::describe(target.kind),
                strings::mask_connect_token(target.remote));

  JobSession session(channel);
  jobs::JobContext context(job.name, config,
                           [&session]() -> connect::Session& { return session.get(); },
                           {*globals.io.out, *globals.io.err, *globals.io.in, globals.io.terminal});

  const int exit_code = job.execute(context);
  globals.io.out->flush();
  spdlog::info("{} {} in {:.1f}s on the {}", job.name, exit_code == 0 ? "finished" : "failed",
               seconds_since(started), runtime::describe(target.kind));
  return exit_code;
}

// The user's own application; its exit status is the application's, and a
// failure is one line naming its cause.
void run_application(const RunOptions& options, const GlobalOptions& globals) {
  const auto started = std::chrono::steady_clock::now();
  const auto app = user_application(options.app_flags, globals);
  const auto config = load_config(globals, overrides_of(options));
  runtime::Interrupts::install();
  const ScratchDir work_dir("sparkctl-run");
  // --requirements for this machine's Python: the local run's workers are here.
  const auto prepared =
      with_packed_requirements(prepared_for_local_run(app, work_dir.path()), config, {});
  const auto result = runtime::run_local_application(config, prepared, work_dir.path());
  globals.io.out->flush();
  const auto& outcome = result.outcome;
  const std::string name = runtime::file_name_of(app.main_file);
  if (outcome.exit_status == 0) {
    spdlog::info("{} finished in {:.1f}s {}", name, seconds_since(started), result.ran_on);
    return;
  }
  throw runtime::application_failed(name, outcome);
}

void add_run_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<RunOptions>();
  auto* command = root.add_subcommand(
      "run",
      "Run a job or your own application on Spark: a local Spark Connect server (started and "
      "stopped for the run, or the warm one of `sparkctl server start`), or --remote "
      "sc://host:port; a jar or a --classic script runs with spark-submit on --master");
  add_job_flags(*command, options->job_flags, JobFlag::or_application);
  add_app_flags(*command, options->app_flags);
  command->add_option(
      "--remote", options->remote,
      "Run on this Spark Connect server instead of a local one: sc://host:port[/;token=...] "
      "(default: config spark.remote / $SPARKCTL_REMOTE)");
  add_token_file_option(*command, options->token_file);
  command->add_option("--master", options->master,
                      "Master of the local server (default: config spark.master, local[*])");
  command->callback([options, &globals] {
    check_job_or_application(options->job_flags, options->app_flags);
    if (!options->app_flags.application.empty()) return run_application(*options, globals);
    if (run_job(*options, globals) != 0) globals.reported_failure = ErrorKind::job_failed;
  });
}

const CommandRegistration registration({10, add_run_command});

}  // namespace

}  // namespace sparkctl::cli
