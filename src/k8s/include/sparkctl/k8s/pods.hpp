// The pods of an application as sparkctl reads them: listed for
// diagnosis (pod_diagnosis.hpp works on these objects), their logs, a
// port-forward to one, and the events about an object.
#pragma once

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/object_meta.hpp"

namespace sparkctl::k8s {

inline constexpr const char* driver_container = "spark-kubernetes-driver";

struct Pod {
  ObjectMeta metadata;
  std::string role;   // the spark-role label: "driver", "executor" or ""
  std::string phase;  // status.phase
  std::string ip;     // status.podIP, "" before it has one
  nlohmann::json object;

  static Pod from_json(const nlohmann::json& object);
};

struct Event {
  std::string time;  // lastTimestamp, else eventTime, else firstTimestamp (RFC 3339)
  std::string type, reason, message;
  std::string object_kind, object_name;  // involvedObject
  nlohmann::json object;
};

class Pods {
 public:
  explicit Pods(Cluster& cluster) : cluster_(cluster) {}

  Pod get(const std::string& name);
  // The driver and executor pods of SparkApplication `app` (the operator
  // labels both with sparkoperator.k8s.io/app-name), as the API server
  // returned them. Empty when they cannot be listed (no RBAC for pods):
  // diagnosis is a bonus, not a requirement.
  std::vector<nlohmann::json> of_application(const std::string& app);
  // The last `lines` lines of a container's log; nullopt when there is
  // none or it cannot be read (the cause of a failure is worth more).
  std::optional<std::string> log_tail(const std::string& pod, const std::string& container,
                                      int lines);
  // The log as it comes, until the pod ends when `follow`.
  void stream_log(const std::string& pod, const std::string& container, bool follow,
                  const std::function<void(std::string_view)>& on_data);
  // Listens on 127.0.0.1:local_port (0: any), calls on_ready(port) and
  // carries connections to the pod's `remote_port` until `stop`.
  void port_forward(const std::string& pod, int remote_port, int local_port,
                    const std::function<void(int)>& on_ready, const std::atomic<bool>& stop);
  // Throws when a port-forward to the pod's port could not carry a connection.
  void check_port_forward(const std::string& pod, int remote_port);
  // The events about the object named `name` (any kind), as listed.
  std::vector<Event> events_about(const std::string& name);

 private:
  Cluster& cluster_;
};

}  // namespace sparkctl::k8s
