// `sparkctl list`: the SparkApplications of a namespace.
#include <CLI/CLI.hpp>
#include <ostream>

#include "application_view.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct ListOptions {
  KubeFlags kube;
  std::string job;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

void run(const ListOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto list = k8s::Applications(session.cluster).list(options.job);
  if (options.output == OutputFormat::name) {
    for (const auto& app : list.items) *options.io.out << app.name() << "\n";
  } else if (options.output == OutputFormat::table) {
    if (list.items.empty()) {
      *options.io.err << "No SparkApplications in namespace " << session.namespace_() << ".\n";
      return;
    }
    print_application_table(*options.io.out, list.items, false);
  } else {
    print_object(*options.io.out, list.object, options.output);
  }
}

void add_list_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<ListOptions>();
  auto* command =
      root.add_subcommand("list", "List SparkApplications (ATTEMPTS = submission/execution)");
  add_kube_flags(*command, options->kube);
  command
      ->add_option("--job", options->job, "Only applications of this job (label sparkctl.dev/job)")
      ->check([](const std::string& job) {
        return job.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-.") == std::string::npos
                   ? std::string()
                   : std::string("not a job name");
      });
  add_output_flag(
      *command, options->output,
      {OutputFormat::table, OutputFormat::name, OutputFormat::yaml, OutputFormat::json});
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({54, add_list_command});

}  // namespace

}  // namespace sparkctl::cli
