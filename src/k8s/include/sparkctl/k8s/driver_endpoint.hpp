// Where a running SparkApplication's Spark Connect server answers, from
// this machine: straight at the driver pod's IP when this machine can
// route to it (sparkctl in the cluster), else through a port-forward over
// the API server to a free port on 127.0.0.1, kept open for as long as
// this object lives. The token goes as plain-text gRPC metadata: over the
// port-forward only on loopback (the API server leg is TLS); straight to
// the pod IP only inside the cluster's network.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "sparkctl/k8s/cluster.hpp"

namespace sparkctl::k8s {

class DriverEndpoint {
 public:
  // Throws sparkctl::Error (exit 3) saying why the driver cannot be
  // reached: no such application, not RUNNING, no driver pod, the API
  // server's refusal of the port-forward. `kubectl` is the kubectl command
  // line that reaches the same cluster, for the hint when nothing works.
  DriverEndpoint(Cluster& cluster, const std::string& app, std::string kubectl);
  ~DriverEndpoint();
  DriverEndpoint(const DriverEndpoint&) = delete;
  DriverEndpoint& operator=(const DriverEndpoint&) = delete;

  const std::string& host() const { return host_; }
  int port() const { return port_; }
  // The application's Connect token, "" when its driver demands none.
  const std::string& token() const { return token_; }
  // "driver pod NS/POD of APP (IP:PORT)" or "... forwarded to 127.0.0.1:N".
  const std::string& describe() const { return description_; }

 private:
  void forward(const std::string& pod, int port);

  Cluster& cluster_;
  std::string kubectl_;
  std::string host_;
  int port_ = 0;
  std::string token_, token_secret_;
  std::string description_;
  std::atomic<bool> stop_{false};
  std::thread forwarder_;
};

}  // namespace sparkctl::k8s
