// `sparkctl server start|status|stop`: a warm local Spark Connect server
// that outlives sparkctl, so `sparkctl run` skips the JVM's start-up. Its
// whereabouts and token live in the state file (runtime/server_state.hpp);
// the token is printed only on request (`status -o url|env`), for pyspark.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "duration_flags.hpp"
#include "server_warm_up.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/token_source.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/runtime/local_server.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "sparkctl/runtime/signals.hpp"
#include "sparkctl/runtime/spark_target.hpp"

namespace sparkctl::cli {
namespace {

struct StartOptions {
  std::string port;
  std::string master;
  DurationFlag startup_timeout{config::keys::spark_startup_timeout};
  std::vector<std::string> jars;
  bool web_ui = false;
  bool no_warm_up = false;
};

// How long `server start` warms the server up (server_warm_up.hpp).
constexpr std::chrono::seconds warm_up_budget{5};

struct StatusOptions {
  std::string output = "table";
};

struct StopOptions {
  int grace_seconds = 10;
};

// Two `server start`s at once must not both start a JVM.
class StateLock {
 public:
  StateLock()
      : fd_(open((runtime::state_dir() / "server.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC,
                 0600)) {
    if (fd_ < 0 || flock(fd_, LOCK_EX) != 0)
      throw Error::cluster("cannot lock " + (runtime::state_dir() / "server.lock").string());
  }
  ~StateLock() { unlock(); }
  void unlock() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_;
};

std::string uptime(std::int64_t started_at) {
  return format_duration(std::chrono::seconds(std::time(nullptr) - started_at));
}

void start(const StartOptions& options, GlobalOptions& globals) {
  std::vector<config::Override> overrides;
  if (!options.port.empty())
    overrides.push_back({config::keys::spark_connect_port, options.port, "--port"});
  if (!options.master.empty())
    overrides.push_back({config::keys::spark_master, options.master, "--master"});
  if (options.startup_timeout.given())
    overrides.push_back({config::keys::spark_startup_timeout,
                         canonical_duration(*options.startup_timeout.value), "--startup-timeout"});
  const auto config = load_config(globals, overrides);
  runtime::Interrupts::install();

  StateLock lock;
  if (auto running = runtime::live_server()) {
    spdlog::info(
        "a warm Spark Connect server is already running (pid {}); `sparkctl server stop` "
        "first to restart it",
        running->pid);
    *globals.io.out << running->address() << "\n";
    return;
  }
  auto server_options = runtime::server_options(config, options.jars);
  server_options.lifetime = runtime::Lifetime::detached;
  server_options.log_path = runtime::state_dir() / "warm-server.log";
  server_options.web_ui = options.web_ui;
  runtime::LocalServer server(server_options);
  {
    // The server is detached (no death signal): Ctrl-C during its start-up
    // must stop it, or it would run on unrecorded.
    runtime::InterruptScope stop_on_interrupt(runtime::Interrupts::Phase::cleanup,
                                              [&server] { server.stop(std::chrono::seconds(5)); });
    server.start();
  }
  const auto state = server.release();
  runtime::write_state(state);
  lock.unlock();  // recorded: `server stop` may stop it from now on
  // On a cluster master the warm-up would take the cluster's executors (and
  // wait for them): local masters only.
  const bool local_master = state.master.rfind("local", 0) == 0;
  if (!options.no_warm_up && local_master) {
    spdlog::info("warming the server up with small queries (--no-warm-up skips it)");
    const auto began = std::chrono::steady_clock::now();
    const int rounds = warm_up_server(state.remote(), warm_up_budget);
    spdlog::debug("warm-up: {} rounds in {:.1f}s", rounds,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
  }
  spdlog::info(
      "warm server running (pid {}); `sparkctl run` will use it until `sparkctl server stop`",
      state.pid);
  *globals.io.out << state.address() << "\n";
}

// What pyspark connects with: it sends a token without TLS only to the
// host spelled `localhost` (gRPC local credentials), so the URL says so.
std::string pyspark_address(const runtime::ServerState& state) {
  return "sc://localhost:" + std::to_string(state.port);
}

void print_connection(std::ostream& out, const runtime::ServerState& state,
                      const std::string& format) {
  if (format == "url") {
    out << with_connect_token(pyspark_address(state), state.token) << "\n";
  } else {  // env: for `eval "$(sparkctl server status -o env)"` before pyspark
    out << "export SPARK_REMOTE=" << pyspark_address(state) << "\n";
    if (!state.token.empty())
      out << "export " << connect::token_environment_variable << "=" << state.token << "\n";
  }
}

void status(const StatusOptions& options, GlobalOptions& globals) {
  const auto state = runtime::live_server();
  if (options.output == "url" || options.output == "env") {
    if (state) print_connection(*globals.io.out, *state, options.output);
  } else if (options.output == "json") {
    nlohmann::json j = {{"running", state.has_value()}};
    if (state) {
      j.update({{"remote", state->address()},
                {"pid", state->pid},
                {"pgid", state->pgid},
                {"port", state->port},
                {"started_at", state->started_at},
                {"master", state->master},
                {"spark_home", state->spark_home},
                {"log", state->log_path},
                {"jars", state->jars}});
    }
    *globals.io.out << j.dump(2) << "\n";
  } else if (state) {
    print_table(*globals.io.out, {"REMOTE", "PID", "MASTER", "UPTIME", "LOG"},
                {{state->address(), std::to_string(state->pid), state->master,
                  uptime(state->started_at), state->log_path}});
  }
  if (!state) {
    std::cerr << "sparkctl: no warm Spark Connect server is running (start one with `sparkctl "
                 "server start`)\n";
    globals.reported_failure = ErrorKind::cluster;
  }
}

void stop(const StopOptions& options) {
  StateLock lock;  // not while a `server start` is under way
  const auto state = runtime::read_state();
  if (!state) {
    spdlog::info("no warm Spark Connect server is running");
    return;
  }
  // Only signal the recorded process itself, never a newcomer that got its pid.
  const bool ours = state->proc_start_ticks == 0 ||
                    runtime::process_start_ticks(state->pid) == state->proc_start_ticks;
  if (ours && runtime::stop_process_group(state->pid, state->pgid,
                                          std::chrono::seconds(options.grace_seconds))) {
    spdlog::info("stopped the warm Spark Connect server (pid {})", state->pid);
  } else {
    spdlog::info("the warm Spark Connect server (pid {}) had already exited", state->pid);
  }
  std::error_code ec;
  std::filesystem::remove_all(runtime::server_scratch_dir(state->port), ec);
  runtime::remove_state();
}

void add_server_command(CLI::App& root, GlobalOptions& globals) {
  auto* server = root.add_subcommand(
      "server", "Manage a warm local Spark Connect server that `sparkctl run` reuses");
  server->require_subcommand(1);

  auto start_options = std::make_shared<StartOptions>();
  auto* start_command = server->add_subcommand(
      "start",
      "Start a warm local Spark Connect server in the background and print its sc:// address");
  start_command
      ->add_option("--port", start_options->port,
                   "Port on 127.0.0.1 (default: spark.connect_port; 0 = any free port)")
      ->type_name("PORT");
  start_command
      ->add_option("--master", start_options->master,
                   "Spark master of the server (default: spark.master, local[*])")
      ->type_name("MASTER");
  add_duration_flag(*start_command, "--startup-timeout", start_options->startup_timeout,
                    "How long to wait for the server");
  start_command
      ->add_option("--jars", start_options->jars,
                   "Extra jars for the server's classpath (comma-separated or repeated)")
      ->delimiter(',')
      ->type_name("JAR");
  start_command->add_flag(
      "--ui", start_options->web_ui,
      "Serve Spark's web UI on 127.0.0.1:4040 (or the next free port). Off by default: any user "
      "of this machine could read it (queries, plans, settings); its kill buttons stay off");
  start_command->add_flag("--no-warm-up", start_options->no_warm_up,
                          "Return as soon as the server answers. By default, with a local "
                          "master, `start` first runs small queries for a few seconds, so that "
                          "the first job does not pay for the JVM's warm-up (several seconds on "
                          "a fresh server)");
  start_command->callback([start_options, &globals] { start(*start_options, globals); });

  auto status_options = std::make_shared<StatusOptions>();
  auto* status_command = server->add_subcommand(
      "status",
      "Show the warm server (exit code 3 when none is running). It admits only clients with its "
      "token: `-o url` prints sc://localhost:PORT/;token=... and `-o env` the variables to "
      "export, for pyspark (SparkSession.builder.remote(url) or $SPARK_REMOTE); keep them secret");
  status_command
      ->add_option("-o,--output", status_options->output,
                   "Output format: table, json (neither shows the token), url (the URL with the "
                   "token, for pyspark), env (export SPARK_REMOTE=... and "
                   "SPARK_CONNECT_AUTHENTICATE_TOKEN=..., for a shell or a notebook's kernel)")
      ->check(CLI::IsMember({"table", "json", "url", "env"}))
      ->capture_default_str();
  status_command->callback([status_options, &globals] { status(*status_options, globals); });

  auto stop_options = std::make_shared<StopOptions>();
  auto* stop_command = server->add_subcommand("stop", "Stop the warm server and forget it");
  stop_command
      ->add_option("--grace", stop_options->grace_seconds, "Seconds between SIGTERM and SIGKILL")
      ->type_name("SECONDS")
      ->check(CLI::Range(0, 3600))
      ->capture_default_str();
  stop_command->callback([stop_options] { stop(*stop_options); });
}

const CommandRegistration registration({40, add_server_command});

}  // namespace
}  // namespace sparkctl::cli
