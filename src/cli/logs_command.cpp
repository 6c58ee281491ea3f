// `sparkctl logs NAME`: the driver's (or one executor's) log, optionally
// followed. Pods come from the application's status: driverInfo.podName
// and the keys of executorState.
#include <CLI/CLI.hpp>
#include <ostream>

#include "kube_context.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/pods.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct LogsOptions {
  KubeFlags kube;
  std::string name;
  bool follow = false;
  std::string executor;
  std::string container;
  IOStreams io;
};

constexpr const char* exec_marker = "-exec-";

std::string executor_id(const std::string& pod) {
  auto at = pod.rfind(exec_marker);
  return at == std::string::npos ? pod : pod.substr(at + std::string(exec_marker).size());
}

std::string choose_pod(const k8s::SparkApplication& app, const std::string& executor) {
  if (executor.empty()) {
    if (app.status.driver_pod.empty()) {
      throw Error::cluster("SparkApplication \"" + app.name() + "\" has no driver pod yet (state " +
                           app.status.state_name() + ")");
    }
    return app.status.driver_pod;
  }
  std::vector<std::string> ids;
  for (const auto& [pod, state] : app.status.executors) {
    if (pod == executor || executor_id(pod) == executor) return pod;
    ids.push_back(executor_id(pod));
  }
  throw Error::usage(
      "SparkApplication \"" + app.name() + "\" has no executor " + executor +
      (ids.empty() ? " (no executors yet)" : "; executors: " + strings::join(ids, ", ")));
}

void run(const LogsOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app = k8s::Applications(session.cluster).get(options.name);
  const std::string pod = choose_pod(app, options.executor);
  k8s::Pods(session.cluster)
      .stream_log(pod, options.container, options.follow, [&options](std::string_view chunk) {
        options.io.out->write(chunk.data(), chunk.size()).flush();
      });
}

void add_logs_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<LogsOptions>();
  auto* command = root.add_subcommand("logs", "Print the driver's (or an executor's) log");
  add_application_flags(*command, options->name, options->kube);
  command->add_flag("-f,--follow", options->follow, "Keep streaming until the pod ends");
  command->add_option("--executor", options->executor,
                      "Executor ID (or pod name) instead of the driver");
  command->add_option("-c,--container", options->container,
                      "Container (default: the pod's only one)");
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({56, add_logs_command});

}  // namespace

}  // namespace sparkctl::cli
