// `sparkctl status NAME`: one SparkApplication's state, driver, UI,
// attempts, executors and error, as a table or the whole object. A failed
// application also gets its cause and the driver's last log lines on
// stderr and exit 1; a pod that cannot start, a warning.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <ostream>

#include "application_view.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "verb_callback.hpp"
#include "wait_progress.hpp"

namespace sparkctl::cli {

namespace {

struct StatusOptions {
  KubeFlags kube;
  std::string name;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

void run(const StatusOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app = k8s::Applications(session.cluster).get(options.name);
  if (options.output == OutputFormat::table) {
    print_application_table(*options.io.out, {app}, true);
  } else {
    print_object(*options.io.out, app.object, options.output);
  }
  options.io.out->flush();
  if (app.status.failed()) {
    WaitProgress progress(app.name(), true, *options.io.err);
    throw k8s::application_failed(session.cluster, app, k8s::failure_verdict(session.cluster, app),
                                  false, progress);
  }
  if (app.status.finished()) return;
  for (const auto& problem : k8s::pending_problems(session.cluster, app))
    spdlog::warn("{}", problem);
}

void add_status_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<StatusOptions>();
  auto* command = root.add_subcommand(
      "status",
      "Show a SparkApplication's state (ATTEMPTS = submission/execution); exit 1 when it "
      "failed, with the cause");
  add_application_flags(*command, options->name, options->kube);
  add_output_flag(*command, options->output,
                  {OutputFormat::table, OutputFormat::yaml, OutputFormat::json});
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({53, add_status_command});

}  // namespace

}  // namespace sparkctl::cli
