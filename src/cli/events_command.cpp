// `sparkctl events NAME`: the Kubernetes events about a SparkApplication
// and its driver pod (what the operator and the kubelet said), oldest first.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "application_view.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/pods.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct EventsOptions {
  KubeFlags kube;
  std::string name;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

void run(const EventsOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app = k8s::Applications(session.cluster).get(options.name);
  // The operator names the driver pod <name>-driver until status says otherwise.
  const std::string driver =
      app.status.driver_pod.empty() ? options.name + "-driver" : app.status.driver_pod;

  k8s::Pods pods(session.cluster);
  auto events = pods.events_about(options.name);
  for (auto& event : pods.events_about(driver)) events.push_back(std::move(event));
  std::stable_sort(events.begin(), events.end(), [](const k8s::Event& a, const k8s::Event& b) {
    return a.time.substr(0, 19) < b.time.substr(0, 19);
  });

  if (options.output != OutputFormat::table) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& event : events) items.push_back(event.object);
    print_object(*options.io.out, {{"apiVersion", "v1"}, {"kind", "EventList"}, {"items", items}},
                 options.output);
    return;
  }
  if (events.empty()) {
    *options.io.err << "No events for SparkApplication " << options.name << " or pod " << driver
                    << ".\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& event : events) {
    rows.push_back({age_since(event.time), event.type, event.reason,
                    strings::to_lower(event.object_kind) + "/" + event.object_name, event.message});
  }
  print_table(*options.io.out, {"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}, rows);
}

void add_events_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<EventsOptions>();
  auto* command =
      root.add_subcommand("events", "Show the events of a SparkApplication and its driver pod");
  add_application_flags(*command, options->name, options->kube);
  add_output_flag(*command, options->output,
                  {OutputFormat::table, OutputFormat::yaml, OutputFormat::json});
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({55, add_events_command});

}  // namespace

}  // namespace sparkctl::cli
