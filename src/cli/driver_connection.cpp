#include "driver_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <future>

#include "sparkctl/connect/channel.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/secret_data.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

namespace {

// The driver's Connect port: Spark's default unless the application sets it.
using k8s::connect_port_conf;
// How long to try the pod's IP before falling back to a port-forward; an
// unroutable pod network (the usual case outside the cluster) costs this once.
constexpr int direct_connect_ms = 1000;

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

int connect_port(const nlohmann::json& application) {
  const auto spec = application.value("spec", nlohmann::json::object());
  const auto conf = spec.value("sparkConf", nlohmann::json::object());
  if (const auto it = conf.find(connect_port_conf); it != conf.end() && it->is_string()) {
    try {
      return std::stoi(it->get<std::string>());
    } catch (const std::exception&) {
      spdlog::warn("ignoring {}={} of the application: not a port", connect_port_conf,
                   it->get<std::string>());
    }
  }
  return connect::default_port;
}

// The bearer token the application's driver demands, "" when it names none;
// `secret_name` is set to the Secret it comes from.
std::string connect_token(KubeSession& session, const nlohmann::json& application,
                          const std::string& app, std::string& secret_name) {
  const auto ref = k8s::connect_token_ref(application);
  if (!ref) return "";
  secret_name = ref->name;
  const std::string& ns = session.namespace_;
  const auto secret = api_call(session, {"get", "secrets", ns, ref->name}, [&] {
    return session.client.get("/api/v1/namespaces/" + ns + "/secrets/" + ref->name);
  });
  const auto values = k8s::secret_data(secret);
  const auto it = values.find(ref->key);
  if (it == values.end() || it->second.empty()) {
    throw Error::cluster("Secret " + quoted(ref->name) + " in namespace " + quoted(ns) +
                         " has no key " + quoted(ref->key) +
                         ": it should hold the Spark Connect token of " + quoted(app));
  }
  return it->second;
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

DriverConnection::DriverConnection(KubeSession session, const std::string& app)
    : session_(std::move(session)) {
  const std::string& ns = session_.namespace_;
  const auto application = get_application(session_, app);
  const auto summary = k8s::summarize(application);
  const std::string name = "SparkApplication " + quoted(app) + " in namespace " + quoted(ns);
  if (summary.state != "RUNNING") {
    throw Error::cluster(name + " is " + summary.state_or_new() + ", not RUNNING: " +
                         (summary.finished()
                              ? "its driver and Spark Connect server are gone"
                              : "its driver is not up yet; see `sparkctl status " + app + "`"));
  }
  if (summary.driver_pod.empty()) {
    throw Error::cluster(name + " is RUNNING but names no driver pod (status.driverInfo.podName)");
  }
  const std::string& pod_name = summary.driver_pod;
  const int port = connect_port(application);
  channel_.token = connect_token(session_, application, app, token_secret_);
  channel_.use_ssl = false;  // Spark's Connect server speaks plain gRPC
  const auto pod = api_call(session_, {"get", "pods", ns, pod_name}, [&] {
    return session_.client.get("/api/v1/namespaces/" + ns + "/pods/" + pod_name);
  });
  const auto status = pod.value("status", nlohmann::json::object());
  if (const std::string ip = status.value("podIP", ""); !ip.empty()) {
    if (reachable(ip, port)) {
      channel_.host = ip;
      channel_.port = port;
      description_ = "driver pod " + ns + "/" + pod_name + " of " + app + " (" + ip + ":" +
                     std::to_string(port) + ")";
      return;
    }
    spdlog::debug(
        "driver pod IP {} is not reachable from here; port-forwarding through the API server", ip);
  }
  forward(pod_name, port);
}

void DriverConnection::forward(const std::string& pod, int port) {
  const std::string& ns = session_.namespace_;
  const std::string where = "driver pod " + ns + "/" + pod + " (port " + std::to_string(port) + ")";
  try {
    session_.client.check_port_forward(ns, pod, port);
  } catch (const Error& error) {
    throw Error::cluster(
        "cannot port-forward to the Spark Connect server of " + where + " through the API server " +
        session_.client.server() + ": " + error.what() + "; instead, try `" +
        kubectl_prefix(session_) + " port-forward pod/" + pod + " " + std::to_string(port) +
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
      session_.client.port_forward(
          ns, pod, port, 0,
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
    channel_.host = "127.0.0.1";
    channel_.port = local;
    description_ = where + " forwarded to 127.0.0.1:" + std::to_string(local);
  } catch (const Error& error) {
    forwarder_.join();
    throw Error::cluster("cannot port-forward to the Spark Connect server of " + where + ": " +
                         error.what());
  }
}

DriverConnection::~DriverConnection() {
  stop_ = true;
  if (forwarder_.joinable()) forwarder_.join();
}

}  // namespace sparkctl::cli
