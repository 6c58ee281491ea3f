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
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct EventsOptions {
  KubeFlags kube;
  std::string name;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

std::string event_time(const nlohmann::json& event) {
  for (const char* key : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
    if (event.contains(key) && event[key].is_string()) return event[key].get<std::string>();
  }
  return event["metadata"].value("creationTimestamp", "");
}

nlohmann::json events_about(KubeSession& session, const std::string& object) {
  const std::string& ns = session.namespace_;
  const std::string path =
      "/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name%3D" + object;
  auto list =
      api_call(session, {"list", "events", ns, ""}, [&] { return session.client.get(path); });
  return list.contains("items") ? list["items"] : nlohmann::json::array();
}

void run(const EventsOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto app = k8s::summarize(get_application(session, options.name));
  // The operator names the driver pod <name>-driver until status says otherwise.
  const std::string driver = app.driver_pod.empty() ? options.name + "-driver" : app.driver_pod;

  nlohmann::json events = events_about(session, options.name);
  for (auto& event : events_about(session, driver)) events.push_back(std::move(event));
  std::stable_sort(events.begin(), events.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) {
                     return event_time(a).substr(0, 19) < event_time(b).substr(0, 19);
                   });

  if (options.output != OutputFormat::table) {
    print_object(*options.io.out, {{"apiVersion", "v1"}, {"kind", "EventList"}, {"items", events}},
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
    const auto& involved = event.value("involvedObject", nlohmann::json::object());
    rows.push_back(
        {age_since(event_time(event)), event.value("type", ""), event.value("reason", ""),
         strings::to_lower(involved.value("kind", "")) + "/" + involved.value("name", ""),
         event.value("message", "")});
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
