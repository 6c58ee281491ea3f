// `sparkctl shell`: the SQL shell (src/shell/) on a Spark Connect server:
// --remote / spark.remote, else the driver of a running SparkApplication
// (--app, see k8s/driver_endpoint.hpp), else the local server `run` would use
// (the warm one, or one started for the shell and stopped after it).
// Exit codes: 0; 1 when a statement of -e or stdin failed; 2 usage; 3 the
// server (or the application's driver) cannot be reached; 130 interrupted.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <optional>

#include "connect_token.hpp"
#include "kube_context.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/driver_endpoint.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_target.hpp"
#include "sparkctl/shell/shell.hpp"

namespace sparkctl::cli {

namespace {

struct ShellCommandOptions {
  std::optional<std::string> execute;
  std::string output = "table";
  std::string remote;
  std::string token_file;
  std::string app;
  KubeFlags kube;
  std::string history_file;
};

// Where the shell's session goes, and what keeps it reachable while the
// shell runs (a local server it started, a port-forward).
struct Target {
  connect::ChannelOptions channel;  // where the session goes
  std::string description;
  runtime::SparkTarget local;
  std::unique_ptr<KubeSession> kube;
  std::unique_ptr<k8s::DriverEndpoint> driver;
};

Target acquire_target(const ShellCommandOptions& options, const GlobalOptions& globals) {
  Target target;
  if (!options.app.empty()) {
    target.kube = std::make_unique<KubeSession>(open_kube_session(globals, options.kube));
    target.driver = std::make_unique<k8s::DriverEndpoint>(target.kube->cluster, options.app,
                                                          kubectl_prefix(*target.kube));
    target.channel.host = target.driver->host();
    target.channel.port = target.driver->port();
    target.channel.token = target.driver->token();
    target.channel.use_ssl = false;  // Spark's Connect server speaks plain gRPC
    target.description = target.driver->describe();
    return target;
  }
  std::vector<config::Override> overrides;
  if (!options.remote.empty())
    overrides.push_back({config::keys::spark_remote, options.remote, "--remote"});
  target.local = runtime::acquire_spark(load_config(globals, overrides), {});
  target.channel = connect_channel(target.local, options.token_file);
  target.description = std::string("the ") + runtime::describe(target.local.kind) + " at " +
                       strings::mask_connect_token(target.local.remote);
  return target;
}

// Every thread started from here on (gRPC's, the port-forward's) inherits
// a blocked SIGINT, so the REPL's handler runs on the main thread only.
void block_sigint() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

// Frees the session on a shared server when the shell ends, also after a
// failed statement, rather than at the server's session timeout.
struct SessionCloser {
  const connect::Session& spark;
  ~SessionCloser() {
    try {
      spark.close();
    } catch (const std::exception& error) {
      spdlog::debug("closing the Spark Connect session: {}", error.what());
    }
  }
};

int run(const ShellCommandOptions& options, const GlobalOptions& globals) {
  shell::ShellOptions shell_options;
  shell_options.format = connect::parse_result_format(options.output);
  shell_options.history_file = options.history_file;
  if (options.execute) {
    shell_options.execute = *options.execute;
    if (shell_options.execute.empty()) return 0;  // -e "": nothing to run
  }
  const bool interactive = !options.execute && globals.io.terminal;
  // Scripts: Ctrl-C cancels the statement, stops a server started for the
  // shell and exits 130. The REPL handles Ctrl-C itself (src/shell/repl.cpp);
  // until it runs, Ctrl-C ends sparkctl (a server it started dies with it).
  if (!interactive) runtime::Interrupts::install();

  Target target = acquire_target(options, globals);
  spdlog::debug("shell on {}", target.description);
  if (interactive) block_sigint();
  auto spark = connect::Session::open(target.channel);
  try {
    spark.spark_version();  // exit 3 now, not at the first statement, when nobody answers
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::interrupted) throw;
    throw Error::cluster(std::string(error.what()) + " (" + target.description + ")");
  }
  const SessionCloser closer{spark};
  runtime::InterruptScope cancel_on_interrupt(runtime::Interrupts::Phase::cancel,
                                              [&spark] { spark.interrupt_all(); });
  return shell::run_shell(spark, shell_options,
                          {*globals.io.in, *globals.io.out, *globals.io.err, globals.io.terminal});
}

void add_shell_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<ShellCommandOptions>();
  auto* command = root.add_subcommand(
      "shell",
      "SQL shell on Spark Connect: interactive on a terminal, else runs -e or stdin "
      "(exit 1 at the first failing statement)");
  command->add_option("-e,--execute", options->execute,
                      "Run these ';'-separated statements and exit");
  command
      ->add_option("-o,--output", options->output,
                   "Result format, streamed as rows arrive: table (Spark's show; columns sized "
                   "from the first 1000 rows), csv (RFC 4180 quoting, a header, lines end in "
                   "\\n as Spark writes them), json (one object per row), arrow (an Arrow IPC "
                   "stream per result)")
      ->check(CLI::IsMember({"table", "csv", "json", "arrow"}))
      ->capture_default_str();
  auto* remote = command->add_option("--remote", options->remote,
                                     "Spark Connect server sc://host:port[/;token=...] (default: "
                                     "config spark.remote / $SPARKCTL_REMOTE, "
                                     "else the local server)");
  auto* app =
      command->add_option("--app", options->app,
                          "Connect to the driver of this RUNNING SparkApplication (port-forwarded "
                          "through the API server unless its pod IP is reachable)");
  app->excludes(remote);
  add_token_file_option(*command, options->token_file);
  app->excludes(command->get_option("--token-file"));
  add_kube_flags(*command, options->kube);
  for (const char* flag : {"--kubeconfig", "--context", "--namespace"})
    command->get_option(flag)->needs(app);
  command->add_option(
      "--history-file", options->history_file,
      "History of the interactive shell (default: $XDG_STATE_HOME/sparkctl/history)");
  command->callback([options, &globals] {
    if (run(*options, globals) != 0) globals.reported_failure = ErrorKind::job_failed;
  });
}

const CommandRegistration registration({45, add_shell_command});

}  // namespace

}  // namespace sparkctl::cli
