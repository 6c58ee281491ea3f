// The simulated kubelet's container runtime: runs one container of a pod
// that the API server holds as a process on this machine, the way a
// kubelet would run it, so the exact command line the operator and
// spark-submit generated is what runs.
//
// What a kubelet does and this does too:
//   - volumes: configMap and secret volumes are written from the API
//     server's objects (honouring `items`), emptyDir volumes are empty
//     directories; each lives under the container's root directory, and
//     every mount path in the container's args and env is mapped to it;
//   - env: plain values, fieldRef status.podIP / metadata.name /
//     metadata.namespace, secretKeyRef and configMapKeyRef;
//   - cluster DNS: the names of the Services that select the pod resolve
//     to the pod IP (through a hosts file the JVM reads,
//     -Djdk.net.hosts.file in JDK_JAVA_OPTIONS);
//   - the image's ENTRYPOINT with the container's args; on stop, SIGTERM to
//     the main process and SIGKILL to what is left after the grace period.
// What it cannot do, and the caller states: the image's files and env
// (Spark, Java and sparkctl of this machine) and `property_overrides`,
// edits to the *.properties files of configMap volumes (a local master,
// since no executor pod can run here).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/client.hpp"

namespace sparkctl::e2e {

struct LocalContainerOptions {
  std::filesystem::path root;                    // volumes, work dir, logs, hosts file
  std::vector<std::string> image_entrypoint;     // the image's ENTRYPOINT
  std::map<std::string, std::string> image_env;  // the image's ENV (this machine's paths)
  std::string pod_ip = "127.0.0.1";
  std::map<std::string, std::string> property_overrides;
};

// True when every label of a Service's `selector` is on the pod (`labels`):
// the Services whose names the cluster DNS resolves to that pod.
bool selects(const nlohmann::json& selector, const nlohmann::json& labels);

class LocalContainer {
 public:
  // Reads what the container needs from the API server (waits up to 60 s
  // for a volume's ConfigMap or Secret, as a kubelet retries); throws
  // std::runtime_error saying what is missing.
  LocalContainer(sparkctl::k8s::Client& client, const nlohmann::json& pod,
                 const std::string& container, LocalContainerOptions options);
  ~LocalContainer();  // stop()
  LocalContainer(const LocalContainer&) = delete;
  LocalContainer& operator=(const LocalContainer&) = delete;

  void start();
  // The exit code (128+N for signal N) once the process has ended, nullopt
  // if it still runs after `timeout`.
  std::optional<int> wait(std::chrono::seconds timeout);
  // SIGTERM to the main process, SIGKILL to all of them after `grace`.
  void stop(std::chrono::seconds grace = std::chrono::seconds(20));

  const std::vector<std::string>& argv() const { return argv_; }
  const std::map<std::string, std::string>& env() const { return env_; }
  std::string out() const;  // what it printed on stdout so far
  std::string err() const;  // and on stderr

 private:
  std::string map_paths(const std::string& text) const;

  LocalContainerOptions options_;
  std::map<std::string, std::filesystem::path> mounts_;  // mount path -> local directory
  std::vector<std::string> argv_;
  std::map<std::string, std::string> env_;
  std::filesystem::path work_dir_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

}  // namespace sparkctl::e2e
