// `sparkctl status NAME`: one SparkApplication's state, driver, UI,
// attempts, executors and error, as a table or the whole object.
#include <CLI/CLI.hpp>
#include <iostream>

#include "application_view.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"

namespace sparkctl::cli {

namespace {

struct StatusOptions {
  KubeFlags kube;
  std::string name;
  std::string output = "table";
};

void run(const StatusOptions& options, const GlobalOptions& globals) {
  KubeSession session = connect(globals, options.kube);
  const auto app = get_application(session, options.name);
  if (options.output == "table") {
    print_application_table(std::cout, {k8s::summarize(app)}, true);
  } else {
    print_object(std::cout, app, options.output);
  }
}

void add_status_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<StatusOptions>();
  auto* command = root.add_subcommand(
      "status", "Show a SparkApplication's state (ATTEMPTS = submission/execution)");
  add_application_flags(*command, options->name, options->kube);
  add_output_flag(*command, options->output, {"table", "yaml", "json"});
  command->callback([options, &globals] { run(*options, globals); });
}

const CommandRegistration registration({53, add_status_command});

}  // namespace

}  // namespace sparkctl::cli
