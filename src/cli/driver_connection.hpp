// How `sparkctl shell --app NAME` reaches the Spark Connect server inside a
// running SparkApplication's driver pod: straight to the pod's IP when this
// machine can route to it (sparkctl in the cluster), else through a
// port-forward over the API server to a free port on 127.0.0.1, kept open
// for as long as this object lives. The token goes as plain-text gRPC
// metadata: over the port-forward only on loopback (the API server leg is
// TLS); straight to the pod IP only inside the cluster's network.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "kube_context.hpp"
#include "sparkctl/connect/channel.hpp"

namespace sparkctl::cli {

class DriverConnection {
 public:
  // Throws sparkctl::Error (exit 3) saying why the driver cannot be
  // reached: no such application, not RUNNING, no driver pod, the API
  // server's refusal of the port-forward.
  DriverConnection(KubeSession session, const std::string& app);
  ~DriverConnection();
  DriverConnection(const DriverConnection&) = delete;
  DriverConnection& operator=(const DriverConnection&) = delete;

  // Where to connect, with the application's token when its driver needs
  // one (from its Secret, see k8s/connect_session.hpp).
  const connect::ChannelOptions& channel() const { return channel_; }
  const std::string& describe() const { return description_; }

 private:
  void forward(const std::string& pod, int port);

  KubeSession session_;
  connect::ChannelOptions channel_;
  std::string token_secret_;  // the Secret the token came from, if any
  std::string description_;
  std::atomic<bool> stop_{false};
  std::thread forwarder_;
};

}  // namespace sparkctl::cli
