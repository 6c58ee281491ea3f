// `sparkctl submit`: render the job's SparkApplication and create it,
// optionally replacing one of the same name and waiting for the result. A
// job that serves sessions (interactive) also gets its token Secret and
// Service (k8s/connect_session.hpp).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <ostream>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "render_flags.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/scratch_dir.hpp"
#include "sparkctl/k8s/submission.hpp"
#include "verb_callback.hpp"
#include "wait_progress.hpp"

namespace sparkctl::cli {

namespace {

struct SubmitOptions {
  RenderFlags render;
  KubeFlags kube;
  DryRun dry_run = DryRun::none;
  bool replace = false;
  bool wait = false;
  DurationFlag timeout{config::keys::kubernetes_wait_timeout};
  FailureFlags failure;
  OutputFormat output = OutputFormat::text;  // "<resource>/<name> created"
  IOStreams io;
};

void validate(const SubmitOptions& options) {
  if (options.replace && options.render.name.empty()) {
    throw Error::usage("--replace needs --name: a generated name never exists yet");
  }
  if (options.dry_run == DryRun::server && (options.replace || options.wait)) {
    throw Error::usage("--dry-run=server cannot be combined with --replace or --wait");
  }
  if (!options.wait &&
      (options.failure.pending_timeout.given() || options.failure.delete_on_failure)) {
    throw Error::usage("--pending-timeout and --delete-on-failure need --wait");
  }
}

void print_created(const k8s::Submitted& submitted, const SubmitOptions& options) {
  const std::string& name = submitted.application.name();
  const auto& also_created = submitted.also_created;
  if (options.output == OutputFormat::name) {
    *options.io.out << name << "\n";
  } else if (options.output == OutputFormat::json || options.output == OutputFormat::yaml) {
    print_object(*options.io.out, submitted.application.object, options.output);
  } else {
    const char* dry = options.dry_run == DryRun::server ? " (server dry run)" : "";
    *options.io.out << k8s::spark_plural << "." << k8s::spark_group << "/" << name << " created"
                    << dry << "\n";
    for (const auto& object : also_created) *options.io.out << object << " created" << dry << "\n";
    if (!also_created.empty() && options.dry_run != DryRun::server)
      *options.io.out << "Once it runs: sparkctl shell --app " << name << "\n";
  }
  options.io.out->flush();
}

void run(const SubmitOptions& options, GlobalOptions& globals) {
  validate(options);
  KubeSession session = open_kube_session(globals, options.kube, render_overrides(options.render));
  // Own files are uploaded before anything is created: a failed upload leaves no application.
  const ScratchDir work_dir("sparkctl-submit");
  const auto staged = staged_application_of(
      session.config, options.render, globals,
      options.dry_run == DryRun::server ? Staging::plan : Staging::upload, work_dir.path());
  const auto request = render_request(session.config, options.render, DefaultName::generated,
                                      staged ? &*staged : nullptr);
  const auto timeout = options.timeout.resolve(session.config);
  const auto submitted =
      k8s::submit_application(session.cluster, session.config, request,
                              {options.replace, options.dry_run == DryRun::server, timeout});
  print_created(submitted, options);
  if (options.wait) {
    wait_for_application(session, request.name,
                         wait_options(options.timeout, options.failure, session.config), globals);
  }
}

void add_submit_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<SubmitOptions>();
  auto* command = root.add_subcommand(
      "submit",
      "Create the SparkApplication of a job or of your own application (app.py, app.jar: its "
      "local files staged to storage.staging_uri) on Kubernetes (exit 1 if --wait sees it fail)");
  add_render_flags(*command, options->render,
                   "SparkApplication name (default: <job or application>-<yyyymmdd-hhmmss>-<4 "
                   "random>, UTC)",
                   JobFlag::or_application);
  add_kube_flags(*command, options->kube);
  add_dry_run_flag(*command, options->dry_run,
                   "server: have the API server validate the object without creating it");
  command->add_flag("--replace", options->replace,
                    "Delete an application of the same --name first (waits until it is gone)");
  command->add_flag("--wait", options->wait, "Wait until the application completes or fails");
  add_duration_flag(*command, "--timeout", options->timeout, "How long --wait and --replace wait");
  add_failure_flags(*command, options->failure);
  add_output_flag(*command, options->output,
                  {OutputFormat::text, OutputFormat::name, OutputFormat::yaml, OutputFormat::json},
                  "Output: text (what was created), name (just the name), yaml or json (the "
                  "created object)");
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({51, add_submit_command});

}  // namespace

}  // namespace sparkctl::cli
