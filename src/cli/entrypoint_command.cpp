// `sparkctl entrypoint`: the container entrypoint of the sparkctl image
// (docs/entrypoint.md). Spark on Kubernetes starts its pods with
// `driver ...` or `executor ...`; sparkctl does what Spark's own image
// entrypoint did for them. It stays as the container's init (reaping,
// passing signals on) and plays the role in a child: for a driver whose
// application arguments are sparkctl's (`--job NAME --job-args k=v ...`)
// it runs the Spark Connect server as the driver, runs the job against it
// and exits with the job's status; any other driver and every executor
// become Spark's own JVM (exec); other commands run as they are.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "driver_application.hpp"
#include "job_flags.hpp"
#include "job_session.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/channel.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/runtime/application_deps.hpp"
#include "sparkctl/runtime/application_runner.hpp"
#include "sparkctl/runtime/container_init.hpp"
#include "sparkctl/runtime/container_user.hpp"
#include "sparkctl/runtime/driver_activity.hpp"
#include "sparkctl/runtime/driver_entrypoint.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_home.hpp"
#include "sparkctl/runtime/spark_roles.hpp"

namespace sparkctl::cli {

namespace {

namespace fs = std::filesystem;

constexpr auto idle_poll = std::chrono::seconds(5);

struct EntrypointOptions {
  std::string server_log;
};

// The job's arguments as the SparkApplication gives them; an argument it
// leaves out (an empty one) is the built-in default, never a value from
// the image's config file or environment.
std::vector<config::Override> pod_job_overrides(const jobs::Job& job,
                                                const std::vector<std::string>& job_args) {
  auto overrides = job_arg_overrides(job.name, job_args);
  for (const auto& arg : job.args) {
    const std::string key = config::keys::job_argument(job.name, arg.key);
    const bool given = std::any_of(overrides.begin(), overrides.end(),
                                   [&](const config::Override& o) { return o.key == key; });
    if (!given)
      overrides.push_back({key, arg.default_value, "--job-args " + arg.key + " (absent)"});
  }
  return overrides;
}

runtime::DriverServerOptions server_options(const runtime::DriverCommand& command,
                                            const config::Config& config,
                                            const EntrypointOptions& options) {
  runtime::DriverServerOptions server;
  server.command = command;
  server.log_path = options.server_log;
  server.startup_timeout = config.get_duration(config::keys::spark_startup_timeout);
  server.spark_home = runtime::configured_spark_home(config);
  server.java_home =
      runtime::find_java(
          config.get_string(config::keys::spark_java_home),
          "spark.java_home (" + config.origin(config::keys::spark_java_home).describe() + ")")
          .home;
  return server;
}

// This process's own connection to the server it started. When the server
// demands a token (an interactive driver, see k8s/connect_session.hpp) it
// is the one the server reads: the property, else the environment.
connect::ChannelOptions driver_channel(const runtime::DriverServer& server,
                                       const runtime::DriverCommand& command) {
  connect::ChannelOptions channel;
  channel.host = "127.0.0.1";
  channel.port = server.port();
  channel.token = command.property("spark.connect.authenticate.token");
  if (const char* token = std::getenv(k8s::connect_token_env); channel.token.empty() && token)
    channel.token = token;
  return channel;
}

// Waits for the interactive job: polls the driver's UI for Spark jobs.
void wait_for_idle_driver(runtime::DriverServer& server, std::chrono::seconds timeout) {
  runtime::DriverUi ui(server.ui_port());
  bool warned = false;
  runtime::IdleWaitOptions wait;
  wait.timeout = timeout;
  wait.poll = idle_poll;
  wait.alive = [&server] { return server.running(); };
  wait.look = [&]() -> std::optional<runtime::JobsSnapshot> {
    if (server.ui_port() == 0) {
      if (!warned)
        spdlog::warn(
            "spark.ui.enabled=false: Spark jobs cannot be seen, so the server stops {}s from now",
            timeout.count());
      warned = true;
      return std::nullopt;
    }
    auto snapshot = ui.jobs();
    if (!snapshot && !warned) {
      spdlog::warn("cannot read the driver's jobs ({}); unanswered looks count as idle",
                   ui.last_error());
      warned = true;
    }
    return snapshot;
  };
  if (!runtime::wait_until_idle(wait)) throw server.died();
}

// A user's script on Spark Connect (`--app URI -- ARGS`): its staged files
// fetched into the working directory, the server started as for a job, the
// script run against it; the exit status is the script's.
int run_connect_application(const runtime::DriverCommand& command, const EntrypointOptions& options,
                            const GlobalOptions& globals) {
  const auto started = std::chrono::steady_clock::now();
  const auto config = load_config(globals);
  runtime::Interrupts::install();  // SIGTERM: the pod is being deleted
  const fs::path work_dir = fs::current_path();
  auto app = fetch_application_deps(config, work_dir).value_or(runtime::UserApplication{});
  const auto dash = std::find(command.app_args.begin(), command.app_args.end(), "--");
  if (command.app_args.size() < 2 || dash == command.app_args.end())
    throw Error::usage("driver: expected --app URI -- ARGS (sparkctl's own-application driver)");
  if (app.main_file.empty()) app.main_file = command.app_args[1];
  app.arguments.assign(dash + 1, command.app_args.end());

  const auto server_settings = server_options(command, config, options);
  runtime::DriverServer server(server_settings);
  runtime::InterruptScope stop_on_interrupt(runtime::Interrupts::Phase::cleanup,
                                            [&server] { server.stop(std::chrono::seconds(10)); });
  server.start();
  runtime::ApplicationRun run;
  run.spark_home = server_settings.spark_home;
  run.remote = server.remote();
  run.work_dir = work_dir;
  const auto outcome = runtime::run_application(app, run);
  globals.io.out->flush();
  if (outcome.exit_status != 0 && !server.running()) throw server.died();
  const std::string name = runtime::file_name_of(app.main_file);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("{} {} in {:.1f}s in the driver pod; stopping the Spark Connect server", name,
               outcome.exit_status == 0 ? "finished" : "failed", seconds);
  server.stop();
  if (outcome.exit_status == 0) return 0;
  throw runtime::application_failed(name, outcome);
}

// Any other driver runs as Spark's own, with a user's staged files
// fetched first (a --classic script, a jar).
[[noreturn]] void run_spark_driver(const runtime::DriverCommand& command,
                                   const std::vector<std::string>& args,
                                   const GlobalOptions& globals) {
  spdlog::info("the driver's arguments have no --job: running it as a plain Spark driver");
  std::vector<std::string> submit_args = args;
  if (std::getenv(runtime::app_deps_env) != nullptr) {
    const fs::path dir = fs::current_path() / ".sparkctl-deps";
    fs::create_directories(dir);
    if (const auto fetched = fetch_application_deps(load_config(globals), dir))
      submit_args = classic_driver_arguments(args, command, *fetched);
  }
  runtime::exec_command(runtime::driver_command(runtime::find_spark_home(""),
                                                runtime::current_environment(), submit_args));
}

int run_driver(const std::vector<std::string>& args, const EntrypointOptions& options,
               const GlobalOptions& globals) {
  const auto command = runtime::parse_driver_command(args);
  if (!command.app_args.empty() && command.app_args.front() == runtime::connect_app_flag)
    return run_connect_application(command, options, globals);
  const auto request = parse_job_arguments(command.app_args);
  if (!request) run_spark_driver(command, args, globals);

  const auto started = std::chrono::steady_clock::now();
  const jobs::Job& job = jobs::find_job(request->job);
  // Job arguments are checked before any JVM starts.
  const auto config = load_config(globals, pod_job_overrides(job, request->job_args));
  runtime::Interrupts::install();  // SIGTERM: the pod is being deleted
  if (job.server_jars)
    spdlog::debug("{}: connector jars come from the image's /opt/spark/jars", job.name);

  runtime::DriverServer server(server_options(command, config, options));
  runtime::InterruptScope stop_on_interrupt(runtime::Interrupts::Phase::cleanup,
                                            [&server] { server.stop(std::chrono::seconds(10)); });
  server.start();

  JobSession session(driver_channel(server, command));
  jobs::JobContext context(job.name, config,
                           [&session]() -> connect::Session& { return session.get(); },
                           {*globals.io.out, *globals.io.err, *globals.io.in, globals.io.terminal});
  jobs::DriverPod pod;
  pod.app_name = server.app_name().empty() ? "<application>" : server.app_name();
  pod.remote = server.remote();
  pod.port = server.port();
  // A session's SparkApplication names its token Secret; its Service has the same name.
  if (!command.property(k8s::connect_token_conf).empty() && !server.app_name().empty()) {
    pod.service_address = k8s::connect_resource_name(server.app_name()) + "." +
                          command.property("spark.kubernetes.namespace", "default") +
                          ".svc:" + std::to_string(server.port());
  }
  pod.wait_until_idle = [&server](std::chrono::seconds timeout) {
    wait_for_idle_driver(server, timeout);
  };
  context.set_driver_pod(&pod);

  int exit_code = 0;
  try {
    exit_code = job.execute(context);
  } catch (const Error&) {
    if (!server.running()) throw server.died();
    throw;
  }
  globals.io.out->flush();
  if (exit_code != 0 && !server.running()) throw server.died();
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("{} {} in {:.1f}s in the driver pod; stopping the Spark Connect server", job.name,
               exit_code == 0 ? "finished" : "failed", seconds);
  session.job_finished();
  server.stop();
  return exit_code;
}

[[noreturn]] void run_executor() {
  if (auto classpath = runtime::hadoop_dist_classpath(runtime::current_environment()))
    setenv("SPARK_DIST_CLASSPATH", classpath->c_str(), 1);  // the JVM reads it too
  std::error_code ignored;
  runtime::exec_command(
      runtime::executor_command(runtime::current_environment(), fs::current_path(ignored)));
}

// The container's role, in the child of the init.
int run_role(const std::vector<std::string>& args, const EntrypointOptions& options,
             const GlobalOptions& globals) {
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args.front() == "driver") return run_driver(rest, options, globals);
  if (args.front() == "executor") run_executor();
  spdlog::debug("not a Spark role: running {} as it is", args.front());
  runtime::exec_command(args);
}

int run_entrypoint(const std::vector<std::string>& args, const EntrypointOptions& options,
                   const GlobalOptions& globals) {
  if (args.empty())
    throw Error::usage("entrypoint: expected `driver ...` or `executor ...` (see --help)");
  runtime::ensure_own_passwd_entry();
  if (const auto status = runtime::become_init()) return *status;
  return run_role(args, options, globals);
}

void add_entrypoint_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<EntrypointOptions>();
  auto* command = root.add_subcommand(
      "entrypoint",
      "Container entrypoint of the sparkctl image (docs/entrypoint.md).\n"
      "  driver [spark-submit options] RESOURCE --job NAME [--job-args k=v ...]\n"
      "      runs the Spark Connect server as the driver, runs the job against it and exits with "
      "its\n"
      "      status: 0 ok, 1 job failed, 2 bad arguments, 3 server died, 130 SIGTERM/SIGINT\n"
      "  driver [spark-submit options] RESOURCE --app URI -- [ARGS]\n"
      "      a user's script on Spark Connect: fetches the staged files ($SPARKCTL_APP_DEPS) into\n"
      "      the working directory, runs the server as the driver and the script against it\n"
      "  driver [spark-submit options] RESOURCE [ARGS]  (no --job)\n"
      "      runs spark-submit in client mode: the pod is the driver of that application (with\n"
      "      the staged files of $SPARKCTL_APP_DEPS fetched first)\n"
      "  executor\n"
      "      runs Spark's executor JVM from the environment Spark gives executor pods\n"
      "      (SPARK_DRIVER_URL, SPARK_EXECUTOR_ID, ...)\n"
      "  anything else\n"
      "      runs that command as it is\n"
      "sparkctl stays the container's init: it reaps orphans and passes signals on, and exits\n"
      "with the role's status. A UID without an /etc/passwd entry gets one when the file is\n"
      "writable.");
  command->group("");           // not for people: Kubernetes calls it
  command->fallthrough(false);  // Spark's arguments are not sparkctl's global options
  command->prefix_command();
  command->add_option("--server-log", options->server_log,
                      "Where the driver's Spark Connect server logs (also copied to stderr; "
                      "default: a file in $TMPDIR)");
  command->callback([command, options, &globals] {
    globals.passed_on_status = run_entrypoint(command->remaining(), *options, globals);
  });
}

const CommandRegistration registration({90, add_entrypoint_command});

}  // namespace

}  // namespace sparkctl::cli
