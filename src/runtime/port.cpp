#include "sparkctl/runtime/port.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sparkctl/core/error.hpp"

namespace sparkctl::runtime {
namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

class Socket {
 public:
  Socket() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

int pick_free_port() {
  Socket s;
  auto address = loopback(0);
  socklen_t length = sizeof address;
  if (s.fd() < 0 || bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0 ||
      getsockname(s.fd(), reinterpret_cast<sockaddr*>(&address), &length) < 0) {
    throw Error::cluster(std::string("cannot find a free port on 127.0.0.1: ") +
                         std::strerror(errno));
  }
  return ntohs(address.sin_port);
}

bool port_free(int port) {
  if (port_accepts(port, std::chrono::milliseconds(100))) return false;
  Socket s;
  auto address = loopback(port);
  return s.fd() >= 0 && bind(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
}

bool port_accepts(int port, std::chrono::milliseconds timeout) {
  Socket s;
  if (s.fd() < 0) return false;
  fcntl(s.fd(), F_SETFL, O_NONBLOCK);
  auto address = loopback(port);
  if (connect(s.fd(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return true;
  if (errno != EINPROGRESS) return false;
  pollfd p{s.fd(), POLLOUT, 0};
  if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) return false;
  int error = 0;
  socklen_t length = sizeof error;
  getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
  return error == 0;
}

}  // namespace sparkctl::runtime
