// kubectl port-forward over the API server's WebSocket: one WebSocket per
// accepted local connection, v4.channel.k8s.io framing (first byte of a
// message is the channel: 0 data, 1 error; the server's first message on
// each channel is the port, 2 bytes little-endian).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <thread>

#include "client_impl.hpp"
#include "websocket_conn.hpp"

namespace sparkctl::k8s {

namespace {

constexpr int poll_ms = 200;  // how fast `stop` is noticed
constexpr char data_channel = 0, error_channel = 1;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

int listen_local(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw Error::cluster(std::string("socket: ") + strerror(errno));
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(uint16_t(port));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0) {
    int err = errno;
    ::close(fd);
    throw Error::cluster("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                         strerror(err));
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

// Pumps one local connection through one WebSocket until either side ends.
void serve_connection(Client::Impl& impl, const std::string& path, int remote_port, int local_fd,
                      const std::atomic<bool>& stop) {
  Fd local(local_fd);
  std::unique_ptr<WebSocketConnection> ws;
  try {
    ws = WebSocketConnection::open(impl.conn, path, {"v4.channel.k8s.io"});
  } catch (const Error& e) {
    spdlog::error("port-forward to port {}: {}", remote_port, e.what());
    return;
  }
  bool port_seen[2] = {false, false};  // the server's 2-byte port prefix per channel
  char buf[32768];
  try {
    while (!stop && !ws->closed()) {
      pollfd fds[2] = {{local.fd, POLLIN, 0}, {ws->socket(), POLLIN, 0}};
      ::poll(fds, 2, poll_ms);
      if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = ::recv(local.fd, buf, sizeof buf, 0);
        if (n <= 0) break;  // the local client hung up
        std::string msg(1, data_channel);
        msg.append(buf, size_t(n));
        ws->send(ws::Opcode::binary, msg);
      }
      // Always drain: TLS may hold decrypted bytes the socket no longer signals.
      while (auto m = ws->receive(0)) {
        if (m->opcode == ws::Opcode::close || m->payload.empty()) continue;
        char channel = m->payload[0];
        std::string_view data(m->payload);
        data.remove_prefix(1);
        if (channel != data_channel && channel != error_channel) continue;
        if (!port_seen[int(channel)]) {
          port_seen[int(channel)] = true;
          data.remove_prefix(std::min<size_t>(2, data.size()));
        }
        if (data.empty()) continue;
        if (channel == error_channel) {
          spdlog::error("port-forward to port {}: {}", remote_port, std::string(data));
          ws->close();
          return;
        }
        for (size_t off = 0; off < data.size();) {
          ssize_t w = ::send(local.fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
          if (w <= 0) throw Error::cluster("local connection closed");
          off += size_t(w);
        }
      }
    }
  } catch (const Error& e) {
    spdlog::debug("port-forward connection ended: {}", e.what());
  }
  ws->close();
}

// Like kubectl: refuse early, and clearly, when the pod cannot be forwarded to.
void require_running_pod(Client& client, const std::string& ns, const std::string& pod) {
  nlohmann::json p = client.get("/api/v1/namespaces/" + ns + "/pods/" + pod);
  std::string phase = p.value("status", nlohmann::json::object()).value("phase", "");
  if (phase != "Running")
    throw Error::cluster("cannot forward to pod " + ns + "/" + pod + ": it is not running (phase " +
                         (phase.empty() ? "unknown" : phase) + ")");
}

std::string forward_path(const std::string& ns, const std::string& pod, int remote_port) {
  return "/api/v1/namespaces/" + ns + "/pods/" + pod +
         "/portforward?ports=" + std::to_string(remote_port);
}

}  // namespace

void Client::check_port_forward(const std::string& ns, const std::string& pod, int remote_port) {
  require_running_pod(*this, ns, pod);
  WebSocketConnection::open(impl_->conn, forward_path(ns, pod, remote_port), {"v4.channel.k8s.io"})
      ->close();
}

void Client::port_forward(const std::string& ns, const std::string& pod, int remote_port,
                          int local_port, const std::function<void(int)>& on_ready,
                          const std::atomic<bool>& stop) {
  require_running_pod(*this, ns, pod);
  const std::string path = forward_path(ns, pod, remote_port);
  Fd listener(listen_local(local_port));
  const int port = bound_port(listener.fd);
  spdlog::info("Forwarding from 127.0.0.1:{} -> {}", port, remote_port);
  on_ready(port);
  std::list<std::thread> connections;
  while (!stop) {
    pollfd pfd{listener.fd, POLLIN, 0};
    if (::poll(&pfd, 1, poll_ms) <= 0) continue;
    int fd = ::accept4(listener.fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    spdlog::debug("Handling connection for {}", remote_port);
    Impl& impl = *impl_;
    connections.emplace_back([&impl, path, remote_port, fd, &stop] {
      serve_connection(impl, path, remote_port, fd, stop);
    });
  }
  for (auto& t : connections) t.join();
}

}  // namespace sparkctl::k8s
