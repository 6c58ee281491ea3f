// `sparkctl render`: the SparkApplication `submit` would create (for an own
// application with the staged URIs it would use; nothing is uploaded), on stdout,
// without talking to the cluster (for review, diffs or `kubectl apply -f -`);
// for a job that serves sessions, its Service too.
#include <CLI/CLI.hpp>
#include <ostream>

#include "output.hpp"
#include "render_flags.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/scratch_dir.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/spark_application.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct RenderOptions {
  RenderFlags render;
  std::string namespace_;
  OutputFormat output = OutputFormat::yaml;
  IOStreams io;
};

void run(const RenderOptions& options, const GlobalOptions& globals) {
  auto overrides = render_overrides(options.render);
  if (!options.namespace_.empty()) {
    overrides.push_back({config::keys::kubernetes_namespace, options.namespace_, "--namespace"});
  }
  const config::Config config = load_config(globals, std::move(overrides));
  const ScratchDir work_dir("sparkctl-render");
  const auto staged =
      staged_application_of(config, options.render, globals, Staging::plan, work_dir.path());
  const auto request =
      render_request(config, options.render, DefaultName::prefix, staged ? &*staged : nullptr);
  const auto application = k8s::render_application(config, request);
  if (!request.program.serves_sessions) {
    print_object(*options.io.out, application, options.output);
    return;
  }
  // The token is made and stored by `submit` only, so that no rendered
  // file ever holds it.
  const std::string secret = k8s::connect_resource_name(request.name);
  print_objects(*options.io.out, {application, k8s::render_connect_service(config, request)},
                options.output,
                {"Its driver takes the Spark Connect token from Secret " + secret + " (key " +
                     k8s::connect_token_key + "),",
                 "which `sparkctl submit` creates. To apply this file by hand, create it first:",
                 "  kubectl create secret generic " + secret +
                     " --from-literal=" + k8s::connect_token_key + "=\"$(openssl rand -hex 32)\""});
}

void add_render_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<RenderOptions>();
  auto* command = root.add_subcommand(
      "render", "Print the SparkApplication `submit` would create (no cluster needed)");
  add_render_flags(*command, options->render,
                   "metadata.name (default: the job's or application's name; `submit` generates a "
                   "unique one)",
                   JobFlag::or_application);
  command->add_option("-n,--namespace", options->namespace_,
                      "namespace (overrides kubernetes.namespace)");
  add_output_flag(*command, options->output, {OutputFormat::yaml, OutputFormat::json});
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({50, add_render_command});

}  // namespace

}  // namespace sparkctl::cli
