// `sparkctl ui NAME`: the driver's Spark UI on 127.0.0.1, forwarded
// through the API server (WebSocket port-forward) until Ctrl-C. When that
// cannot work, it prints the kubectl command that does the same.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <ostream>

#include "kube_context.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/pods.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

constexpr int spark_ui_port = 4040;
std::atomic<bool> stop_requested{false};

extern "C" void on_stop_signal(int) { stop_requested = true; }

struct UiOptions {
  KubeFlags kube;
  std::string name;
  int port = spark_ui_port;
  IOStreams io;
};

void run(const UiOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app = k8s::Applications(session.cluster).get(options.name);
  const std::string& driver = app.status.driver_pod;
  if (driver.empty()) {
    throw Error::cluster("SparkApplication \"" + options.name + "\" has no driver pod yet (state " +
                         app.status.state_name() + "); the UI lives in the driver");
  }
  if (app.status.finished())
    spdlog::warn("{} is {}: its UI is gone with the driver", options.name, app.status.state_name());
  const std::string fallback = kubectl_prefix(session) + " port-forward pod/" + driver + " " +
                               std::to_string(options.port == 0 ? spark_ui_port : options.port) +
                               ":" + std::to_string(spark_ui_port);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  try {
    k8s::Pods(session.cluster)
        .port_forward(
            driver, spark_ui_port, options.port,
            [&options](int port) {
              *options.io.out << "Spark UI: http://127.0.0.1:" << port << "/ (Ctrl-C to stop)"
                              << std::endl;
            },
            stop_requested);
  } catch (const Error& error) {
    throw Error(error.kind(), std::string(error.what()) + "; instead, try: " + fallback);
  }
}

void add_ui_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<UiOptions>();
  auto* command =
      root.add_subcommand("ui", "Forward the driver's Spark UI (port 4040) to 127.0.0.1");
  add_application_flags(*command, options->name, options->kube);
  command->add_option("--port", options->port, "Local port (0: any free one)")
      ->check(CLI::Range(0, 65535));
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({57, add_ui_command});

}  // namespace

}  // namespace sparkctl::cli
