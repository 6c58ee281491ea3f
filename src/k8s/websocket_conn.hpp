// A client WebSocket to the API server: libcurl opens TCP+TLS with
// CONNECT_ONLY (this libcurl has no WebSocket support), we write the HTTP/1.1
// upgrade ourselves and speak RFC 6455 with curl_easy_send/recv.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/websocket.hpp"
#include "transport.hpp"

namespace sparkctl::k8s {

class WebSocketConnection {
 public:
  // Connects and upgrades; a non-101 answer throws ApiError with the
  // server's Status (e.g. 400 "pod x does not have a host assigned").
  static std::unique_ptr<WebSocketConnection> open(Connection& conn, const std::string& path,
                                                   const std::vector<std::string>& protocols);
  ~WebSocketConnection();

  curl_socket_t socket() const { return socket_; }
  const std::string& protocol() const { return protocol_; }  // the one the server chose

  void send(ws::Opcode opcode, std::string_view payload);  // one masked frame, fully written
  // The next complete message, waiting up to timeout_ms; nullopt when none
  // arrived. Pings are answered here; a close frame or EOF sets closed().
  std::optional<ws::Frame> receive(int timeout_ms);
  bool closed() const { return closed_; }
  void close(uint16_t code = 1000, std::string_view reason = "");

 private:
  WebSocketConnection() = default;
  bool read_some(int timeout_ms);  // false on EOF
  void write_all(std::string_view bytes);
  std::pair<long, std::string> read_handshake(std::map<std::string, std::string>& headers);

  CurlHandle handle_;
  curl_slist* connect_to_ = nullptr;
  curl_socket_t socket_ = CURL_SOCKET_BAD;
  std::string protocol_;
  ws::Decoder decoder_;
  std::string pending_;  // bytes read past the handshake
  bool closed_ = false;
  bool close_sent_ = false;
};

}  // namespace sparkctl::k8s
