// `sparkctl delete NAME`: delete a SparkApplication (its pods go with it),
// optionally waiting until it is gone; and the token Secret and Service of
// an interactive session.
#include <CLI/CLI.hpp>
#include <ostream>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/session_objects.hpp"
#include "sparkctl/k8s/spark_application.hpp"
#include "verb_callback.hpp"
#include "wait_progress.hpp"

namespace sparkctl::cli {

namespace {

struct DeleteOptions {
  KubeFlags kube;
  std::string name;
  bool wait = false;
  DurationFlag timeout{config::keys::kubernetes_wait_timeout};
  IOStreams io;
};

void run(const DeleteOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  k8s::Applications applications(session.cluster);
  if (!applications.remove(options.name)) {
    throw Error::cluster("SparkApplication \"" + options.name + "\" not found in namespace \"" +
                         session.namespace_() + "\"");
  }
  if (options.wait)
    applications.wait_until_deleted(options.name, options.timeout.resolve(session.config));
  *options.io.out << k8s::spark_plural << "." << k8s::spark_group << "/" << options.name
                  << " deleted\n";
  for (const auto& object : k8s::SessionObjects(session.cluster).remove(options.name))
    *options.io.out << object << " deleted\n";
}

void add_delete_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<DeleteOptions>();
  auto* command = root.add_subcommand("delete", "Delete a SparkApplication");
  add_application_flags(*command, options->name, options->kube);
  command->add_flag("--wait", options->wait, "Wait until it is gone (finalizers done)");
  add_duration_flag(*command, "--timeout", options->timeout, "How long --wait waits");
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({58, add_delete_command});

}  // namespace

}  // namespace sparkctl::cli
