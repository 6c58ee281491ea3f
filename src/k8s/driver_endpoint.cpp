#include "sparkctl/k8s/driver_endpoint.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <future>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/pods.hpp"
#include "sparkctl/k8s/session_objects.hpp"

namespace sparkctl::k8s {

namespace {

// How long to try the pod's IP before falling back to a port-forward; an
// unroutable pod network (the usual case outside the cluster) costs this once.
constexpr int direct_connect_ms = 1000;

// The driver's Connect port: Spark's default unless the application sets it.
int connect_port(const SparkApplication& app) {
  const std::string value = app.spark_conf(connect_port_conf);
  if (value.empty()) return spark_connect_default_port;
  try {
    return std::stoi(value);
  } catch (const std::exception&) {
    spdlog::warn("ignoring {}={} of the application: not a port", connect_port_conf, value);
    return spark_connect_default_port;
  }
}

// True when a TCP connection to ip:port succeeds in time.
bool reachable(const std::string& ip, int port) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (inet_pton(AF_INET, ip.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    length = sizeof *v4;
  } else if (inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    length = sizeof *v6;
  } else {
    return false;
  }
  const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&storage), length) == 0;
  if (!connected && errno == EINPROGRESS) {
    pollfd pending{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof error;
    connected = ::poll(&pending, 1, direct_connect_ms) == 1 &&
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0;
  }
  ::close(fd);
  return connected;
}

}  // namespace

DriverEndpoint::DriverEndpoint(Cluster& cluster, const std::string& app, std::string kubectl)
    : cluster_(cluster), kubectl_(std::move(kubectl)) {
  const std::string& ns = cluster_.namespace_();
  const auto application = Applications(cluster_).get(app);
  const auto& status = application.status;
  const std::string name =
      "SparkApplication " + strings::quoted(app) + " in namespace " + strings::quoted(ns);
  if (status.state != ApplicationState::running) {
    throw Error::cluster(name + " is " + status.state_name() + ", not RUNNING: " +
                         (status.finished()
                              ? "its driver and Spark Connect server are gone"
                              : "its driver is not up yet; see `sparkctl status " + app + "`"));
  }
  if (status.driver_pod.empty()) {
    throw Error::cluster(name + " is RUNNING but names no driver pod (status.driverInfo.podName)");
  }
  const std::string& pod_name = status.driver_pod;
  const int port = connect_port(application);
  if (const auto token = SessionObjects(cluster_).token(application)) {
    token_ = token->value;
    token_secret_ = token->secret;
  }
  const auto pod = Pods(cluster_).get(pod_name);
  if (!pod.ip.empty()) {
    if (reachable(pod.ip, port)) {
      host_ = pod.ip;
      port_ = port;
      description_ = "driver pod " + ns + "/" + pod_name + " of " + app + " (" + pod.ip + ":" +
                     std::to_string(port) + ")";
      return;
    }
    spdlog::debug(
        "driver pod IP {} is not reachable from here; port-forwarding through the API server",
        pod.ip);
  }
  forward(pod_name, port);
}

void DriverEndpoint::forward(const std::string& pod, int port) {
  const std::string& ns = cluster_.namespace_();
  const std::string where = "driver pod " + ns + "/" + pod + " (port " + std::to_string(port) + ")";
  try {
    Pods(cluster_).check_port_forward(pod, port);
  } catch (const Error& error) {
    throw Error::cluster(
        "cannot port-forward to the Spark Connect server of " + where + " through the API server " +
        cluster_.server() + ": " + error.what() + "; instead, try `" + kubectl_ +
        " port-forward pod/" + pod + " " + std::to_string(port) +
        "` and `sparkctl shell --remote sc://127.0.0.1:" + std::to_string(port) +
        (token_secret_.empty() ? "" : "/;token=<key token of Secret " + token_secret_ + ">") + "`");
  }
  auto ready = std::make_shared<std::promise<int>>();
  auto local_port = ready->get_future();
  forwarder_ = std::thread([this, ready, ns, pod, port] {
    // Ctrl-C belongs to the shell's main thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    bool announced = false;
    try {
      Pods(cluster_).port_forward(
          pod, port, 0,
          [&](int local) {
            announced = true;
            ready->set_value(local);
          },
          stop_);
    } catch (const Error& error) {
      if (!announced)
        ready->set_exception(std::current_exception());
      else
        spdlog::error("port-forward to {}/{} ended: {}", ns, pod, error.what());
    }
  });
  try {
    const int local = local_port.get();
    host_ = "127.0.0.1";
    port_ = local;
    description_ = where + " forwarded to 127.0.0.1:" + std::to_string(local);
  } catch (const Error& error) {
    forwarder_.join();
    throw Error::cluster("cannot port-forward to the Spark Connect server of " + where + ": " +
                         error.what());
  }
}

DriverEndpoint::~DriverEndpoint() {
  stop_ = true;
  if (forwarder_.joinable()) forwarder_.join();
}

}  // namespace sparkctl::k8s
