// `sparkctl wait NAME`: follow a SparkApplication until it completes
// (exit 0) or fails or cannot start (exit 1, with the cause); timeouts and
// API errors exit 3.
#include <CLI/CLI.hpp>
#include <ostream>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "verb_callback.hpp"
#include "wait_progress.hpp"

namespace sparkctl::cli {

namespace {

struct WaitCommandOptions {
  KubeFlags kube;
  std::string name;
  DurationFlag timeout{config::keys::kubernetes_wait_timeout};
  FailureFlags failure;
  IOStreams io;
};

void run(const WaitCommandOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app =
      wait_for_application(session, options.name,
                           wait_options(options.timeout, options.failure, session.config), globals);
  *options.io.out << k8s::spark_plural << "." << k8s::spark_group << "/" << app.name() << " "
                  << app.status.state_name() << "\n";
}

void add_wait_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<WaitCommandOptions>();
  auto* command = root.add_subcommand(
      "wait",
      "Wait for a SparkApplication to finish: exit 0 COMPLETED, 1 FAILED, 3 timeout or API error");
  add_application_flags(*command, options->name, options->kube);
  add_duration_flag(*command, "--timeout", options->timeout, "Give up after this long");
  add_failure_flags(*command, options->failure);
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({52, add_wait_command});

}  // namespace

}  // namespace sparkctl::cli
