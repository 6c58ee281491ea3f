// `sparkctl entrypoint`: the container entrypoint of the sparkctl image
// (docs/entrypoint.md). Spark on Kubernetes starts its pods with
// `driver ...` or `executor ...`. For a driver whose application arguments
// are sparkctl's (`--job NAME --job-args k=v ...`) it runs the Spark
// Connect server as the driver, runs the job against it in this process
// and exits with the job's status; everything else goes to Spark's own
// entrypoint unchanged.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "sparkctl/cli/registry.hpp"
#include "sparkctl/connect/channel.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/runtime/driver_activity.hpp"
#include "sparkctl/runtime/driver_entrypoint.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace sparkctl::cli {

namespace {

constexpr auto idle_poll = std::chrono::seconds(5);

struct EntrypointOptions {
  std::string server_log;
};

// sparkctl's part of the driver's application arguments.
struct JobRequest {
  std::string job;
  std::vector<std::string> job_args;
};

// `--job NAME [--job-args k=v ...]` (also --job=NAME); nullopt when there
// is no --job, i.e. the application is not sparkctl's.
std::optional<JobRequest> parse_job_request(const std::vector<std::string>& args) {
  const bool sparkctls = std::any_of(args.begin(), args.end(), [](const std::string& arg) {
    return arg == "--job" || arg.rfind("--job=", 0) == 0;
  });
  if (!sparkctls) return std::nullopt;
  JobRequest request;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--job" || arg.rfind("--job=", 0) == 0) {
      if (arg == "--job" && i + 1 >= args.size())
        throw Error::usage("driver: --job needs a job name");
      request.job = arg == "--job" ? args[++i] : arg.substr(6);
    } else if (arg == "--job-args") {
      while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
        request.job_args.push_back(args[++i]);
    } else {
      throw Error::usage("driver: unexpected application argument '" + arg +
                         "' (sparkctl's are --job NAME --job-args k=v ...)");
    }
  }
  return request;
}

runtime::DriverServerOptions server_options(const runtime::DriverCommand& command,
                                            const runtime::SparkEntrypoint& entrypoint,
                                            const config::Config& config,
                                            const EntrypointOptions& options) {
  runtime::DriverServerOptions server;
  server.command = command;
  server.entrypoint = entrypoint;
  server.log_path = options.server_log;
  server.startup_timeout = std::chrono::seconds(config.get_int("spark.startup_timeout"));
  if (!entrypoint.exists) {
    if (entrypoint.from_environment)
      throw Error::usage("SPARKCTL_SPARK_ENTRYPOINT=" + entrypoint.path.string() +
                         " is not an executable file");
    spdlog::info("no Spark entrypoint at {}: starting the driver with spark-submit in client mode",
                 entrypoint.path.string());
    server.spark_home =
        runtime::find_spark_home(config.get_string("spark.home"),
                                 "spark.home (" + config.origin("spark.home").describe() + ")");
    server.java_home =
        runtime::find_java(config.get_string("spark.java_home"),
                           "spark.java_home (" + config.origin("spark.java_home").describe() + ")")
            .home;
  }
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
  if (const char* token = std::getenv(k8s::kConnectTokenEnv); channel.token.empty() && token)
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

int run_driver(const std::vector<std::string>& args, const EntrypointOptions& options,
               const GlobalOptions& globals) {
  const auto entrypoint = runtime::spark_entrypoint();
  const auto command = runtime::parse_driver_command(args);
  const auto request = parse_job_request(command.app_args);
  if (!request) {
    spdlog::info("the driver's arguments have no --job: handing over to Spark's entrypoint");
    std::vector<std::string> driver_args = {"driver"};
    driver_args.insert(driver_args.end(), args.begin(), args.end());
    runtime::exec_spark_entrypoint(entrypoint, driver_args);
  }

  const auto started = std::chrono::steady_clock::now();
  const jobs::Job& job = jobs::find_job(request->job);
  // Job arguments are checked before any JVM starts.
  const auto config = load_config(globals, job_arg_overrides(request->job, request->job_args));
  runtime::Interrupts::install();  // SIGTERM: the pod is being deleted
  if (job.server_jars)
    spdlog::debug("{}: connector jars come from the image's /opt/spark/jars", job.name);

  runtime::DriverServer server(server_options(command, entrypoint, config, options));
  runtime::InterruptScope stop_on_interrupt(runtime::Interrupts::Phase::cleanup,
                                            [&server] { server.stop(std::chrono::seconds(10)); });
  server.start();

  std::optional<connect::Session> session;
  std::optional<runtime::InterruptScope> cancel_on_interrupt;
  jobs::JobContext context(
      job.name, config,
      [&]() -> connect::Session& {
        if (!session) {
          session.emplace(connect::Session::open(driver_channel(server, command)));
          cancel_on_interrupt.emplace(runtime::Interrupts::Phase::cancel,
                                      [&session] { session->interrupt_all(); });
        }
        return *session;
      },
      std::cout);
  jobs::DriverPod pod;
  pod.app_name = server.app_name().empty() ? "<application>" : server.app_name();
  pod.remote = server.remote();
  pod.port = server.port();
  // A session's SparkApplication names its token Secret; its Service has the same name.
  if (!command.property(k8s::kConnectTokenConf).empty() && !server.app_name().empty()) {
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
  std::cout.flush();
  if (exit_code != 0 && !server.running()) throw server.died();
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("{} {} in {:.1f}s in the driver pod; stopping the Spark Connect server", job.name,
               exit_code == 0 ? "finished" : "failed", seconds);
  cancel_on_interrupt.reset();
  server.stop();
  return exit_code;
}

int run_entrypoint(const std::vector<std::string>& args, const EntrypointOptions& options,
                   const GlobalOptions& globals) {
  if (args.empty())
    throw Error::usage("entrypoint: expected `driver ...` or `executor ...` (see --help)");
  if (args.front() == "driver")
    return run_driver(std::vector<std::string>(args.begin() + 1, args.end()), options, globals);
  runtime::exec_spark_entrypoint(runtime::spark_entrypoint(), args);
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
      "  executor ... / anything else\n"
      "      execs Spark's entrypoint ($SPARKCTL_SPARK_ENTRYPOINT, default /opt/entrypoint.sh) "
      "unchanged");
  command->group("");           // not for people: Kubernetes calls it
  command->fallthrough(false);  // Spark's arguments are not sparkctl's global options
  command->prefix_command();
  command->add_option("--server-log", options->server_log,
                      "Where the driver's Spark Connect server logs (also copied to stderr; "
                      "default: a file in $TMPDIR)");
  command->callback([command, options, &globals] {
    globals.exit_code = run_entrypoint(command->remaining(), *options, globals);
  });
}

const CommandRegistration registration({90, add_entrypoint_command});

}  // namespace

}  // namespace sparkctl::cli
