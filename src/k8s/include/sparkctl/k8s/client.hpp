// The Kubernetes API client: one connection config (kubeconfig or
// in-cluster), JSON requests with retries, watches that resume, pod log
// streams and port-forwarding. Verbs (src/k8s/spark_application*, src/cli)
// build on this and never see libcurl.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sparkctl/k8s/api_error.hpp"

namespace sparkctl::k8s {

struct ClientOptions {
  // --kubeconfig; else KUBECONFIG (':'-separated, merged, first wins);
  // else ~/.kube/config; else in-cluster.
  std::string kubeconfig;
  std::string context;             // --context
  std::string namespace_override;  // -n
};

struct Response {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  nlohmann::json json() const;                 // throws Error::cluster on bad JSON
};

class Client {
 public:
  static Client connect(const ClientOptions& options);

  // -n, else the context's namespace, else the in-cluster namespace, else "default".
  const std::string& default_namespace() const;
  const std::string& server() const;

  // JSON requests. A non-2xx answer throws ApiError (exit 3, status kept).
  // 429/5xx and connection failures are retried with bounded backoff.
  nlohmann::json get(const std::string& path);
  nlohmann::json create(const std::string& path, const nlohmann::json& body,
                        bool dry_run_server = false);
  nlohmann::json patch(const std::string& path, const nlohmann::json& body,
                       const std::string& content_type);
  nlohmann::json replace(const std::string& path, const nlohmann::json& body);
  nlohmann::json remove(const std::string& path, const nlohmann::json& options = {});
  // Raw request with the same retries; returns any status, throws only when
  // the server cannot be reached.
  Response request(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& content_type);

  // Lists then watches `list_path`; on_event(type, object) per event until it
  // returns false (-> true) or `deadline` passes (-> false). Resumes from the
  // last resourceVersion after a dropped connection; re-lists on 410 Gone.
  bool watch(const std::string& list_path, const std::string& field_selector,
             const std::function<bool(const std::string&, const nlohmann::json&)>& on_event,
             std::chrono::steady_clock::time_point deadline);

  void stream_log(const std::string& ns, const std::string& pod, const std::string& container,
                  bool follow, const std::function<void(std::string_view)>& on_data);

  // Port-forward over the API server's WebSocket (v4.channel.k8s.io).
  // Listens on 127.0.0.1:local_port (0 = pick one), calls on_ready(port),
  // serves until `stop` is set.
  void port_forward(const std::string& ns, const std::string& pod, int remote_port, int local_port,
                    const std::function<void(int)>& on_ready, const std::atomic<bool>& stop);
  // Opens one tunnel to the pod's port and closes it again: throws when
  // port_forward could not carry a connection (pod not running, ApiError
  // with the API server's answer such as "does not have a host assigned").
  void check_port_forward(const std::string& ns, const std::string& pod, int remote_port);

  struct Impl;  // src/k8s/client_impl.hpp

 private:
  explicit Client(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace sparkctl::k8s
