#include "sparkctl/k8s/pods.hpp"

#include <spdlog/spdlog.h>

#include "json_fields.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {

Pod Pod::from_json(const nlohmann::json& object) {
  Pod pod;
  pod.metadata = ObjectMeta::from_json(object);
  pod.role = pod.metadata.label("spark-role");
  const auto& status = json_object(object, "status");
  pod.phase = json_text(status, "phase");
  pod.ip = json_text(status, "podIP");
  pod.object = object;
  return pod;
}

Pod Pods::get(const std::string& name) {
  return Pod::from_json(cluster_.call("get", "pods", name, [&] {
    return cluster_.client().get(cluster_.core_path("pods", name));
  }));
}

std::vector<nlohmann::json> Pods::of_application(const std::string& app) {
  const std::string path =
      cluster_.core_path("pods") + "?labelSelector=sparkoperator.k8s.io%2Fapp-name%3D" + app;
  const auto response = cluster_.client().request("GET", path, "", "");
  if (response.status != 200) {
    spdlog::debug("cannot list the pods of {} (HTTP {}): no diagnosis from pods", app,
                  response.status);
    return {};
  }
  std::vector<nlohmann::json> pods;
  for (const auto& pod : response.json().value("items", nlohmann::json::array()))
    pods.push_back(pod);
  return pods;
}

std::optional<std::string> Pods::log_tail(const std::string& pod, const std::string& container,
                                          int lines) {
  const std::string path = cluster_.core_path("pods", pod) + "/log?container=" + container +
                           "&tailLines=" + std::to_string(lines);
  try {
    const auto response = cluster_.client().request("GET", path, "", "");
    if (response.status == 200 && !response.body.empty()) return response.body;
    spdlog::debug("no log from pod {} (HTTP {})", pod, response.status);
  } catch (const Error& e) {
    spdlog::debug("cannot read the log of pod {}: {}", pod, e.what());
  }
  return std::nullopt;
}

void Pods::stream_log(const std::string& pod, const std::string& container, bool follow,
                      const std::function<void(std::string_view)>& on_data) {
  cluster_.call("get", "pods", pod, [&] {
    cluster_.client().stream_log(cluster_.namespace_(), pod, container, follow, on_data);
  });
}

void Pods::port_forward(const std::string& pod, int remote_port, int local_port,
                        const std::function<void(int)>& on_ready, const std::atomic<bool>& stop) {
  cluster_.client().port_forward(cluster_.namespace_(), pod, remote_port, local_port, on_ready,
                                 stop);
}

void Pods::check_port_forward(const std::string& pod, int remote_port) {
  cluster_.client().check_port_forward(cluster_.namespace_(), pod, remote_port);
}

namespace {

std::string event_time(const nlohmann::json& event) {
  for (const char* key : {"lastTimestamp", "eventTime", "firstTimestamp"}) {
    if (const std::string time = json_text(event, key); !time.empty()) return time;
  }
  return json_text(json_object(event, "metadata"), "creationTimestamp");
}

}  // namespace

std::vector<Event> Pods::events_about(const std::string& name) {
  const std::string path =
      cluster_.core_path("events") + "?fieldSelector=involvedObject.name%3D" + name;
  const auto list =
      cluster_.call("list", "events", "", [&] { return cluster_.client().get(path); });
  std::vector<Event> events;
  for (const auto& item : list.value("items", nlohmann::json::array())) {
    const auto& involved = json_object(item, "involvedObject");
    events.push_back({event_time(item), json_text(item, "type"), json_text(item, "reason"),
                      json_text(item, "message"), json_text(involved, "kind"),
                      json_text(involved, "name"), item});
  }
  return events;
}

}  // namespace sparkctl::k8s
