#include "websocket_conn.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/api_error.hpp"

namespace sparkctl::k8s {

namespace {

constexpr int handshake_timeout_ms = 30000;
constexpr size_t max_handshake = 1 << 20;

bool wait_socket(curl_socket_t s, short events, int timeout_ms) {
  pollfd p{s, events, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}

std::string host_header(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  return url.substr(start, url.find('/', start) - start);
}

}  // namespace

WebSocketConnection::~WebSocketConnection() {
  handle_.reset();
  curl_slist_free_all(connect_to_);
}

std::unique_ptr<WebSocketConnection> WebSocketConnection::open(
    Connection& conn, const std::string& path, const std::vector<std::string>& protocols) {
  std::unique_ptr<WebSocketConnection> ws(new WebSocketConnection());
  ws->handle_ = new_curl_handle();
  CURL* h = ws->handle_.get();
  AuthMaterial auth = conn.credentials.current();
  curl_slist* unused_headers = nullptr;  // CONNECT_ONLY sends none; we write our own
  configure_connection(h, conn, auth, &unused_headers);
  curl_slist_free_all(unused_headers);
  const std::string url = request_url(h, conn, path, &ws->connect_to_);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  // ALPN must not pick h2: the upgrade is an HTTP/1.1 affair.
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK)
    throw Error::cluster("cannot reach the Kubernetes API server " + conn.config.server + ": " +
                         (errbuf[0] ? errbuf : curl_easy_strerror(rc)));
  curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &ws->socket_);

  const std::string key = ws::new_key();
  std::string protos;
  for (const auto& p : protocols) protos += (protos.empty() ? "" : ", ") + p;
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: " + host_header(url) +
                    "\r\nUser-Agent: sparkctl\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " +
                    key + "\r\nSec-WebSocket-Protocol: " + protos + "\r\n";
  if (!auth.bearer_token.empty()) req += "Authorization: Bearer " + auth.bearer_token + "\r\n";
  req += "\r\n";
  ws->write_all(req);
  spdlog::debug("GET {} (WebSocket upgrade, {}, {})", conn.url(path), protos, auth.describe());

  std::map<std::string, std::string> headers;
  auto [status, body] = ws->read_handshake(headers);
  if (status != 101) throw ApiError::from_response(status, body);
  if (headers["sec-websocket-accept"] != ws::accept_key(key))
    throw Error::cluster("WebSocket upgrade of " + path +
                         ": the server's Sec-WebSocket-Accept is wrong");
  ws->protocol_ = headers["sec-websocket-protocol"];
  if (!protos.empty() &&
      std::find(protocols.begin(), protocols.end(), ws->protocol_) == protocols.end())
    throw Error::cluster("WebSocket upgrade of " + path +
                         ": the server chose no protocol we offered (" + protos + ")");
  ws->decoder_.feed(ws->pending_);
  ws->pending_.clear();
  return ws;
}

void WebSocketConnection::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    size_t sent = 0;
    CURLcode rc = curl_easy_send(handle_.get(), bytes.data(), bytes.size(), &sent);
    if (rc == CURLE_AGAIN) {
      wait_socket(socket_, POLLOUT, 1000);
      continue;
    }
    if (rc != CURLE_OK) {
      closed_ = true;
      throw Error::cluster(std::string("WebSocket send failed: ") + curl_easy_strerror(rc));
    }
    bytes.remove_prefix(sent);
  }
}

bool WebSocketConnection::read_some(int timeout_ms) {
  char buf[16384];
  for (bool waited = false;;) {
    size_t got = 0;
    CURLcode rc = curl_easy_recv(handle_.get(), buf, sizeof buf, &got);
    if (rc == CURLE_OK) {
      if (got == 0) return false;
      pending_.append(buf, got);
      return true;
    }
    if (rc != CURLE_AGAIN) return false;
    if (waited) return true;  // nothing yet
    wait_socket(socket_, POLLIN, timeout_ms);
    waited = true;
  }
}

std::pair<long, std::string> WebSocketConnection::read_handshake(
    std::map<std::string, std::string>& headers) {
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(handshake_timeout_ms);
  size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline || pending_.size() > max_handshake)
      throw Error::cluster("WebSocket upgrade: no answer from the API server");
    if (!read_some(1000))
      throw Error::cluster("WebSocket upgrade: the API server closed the connection");
  }
  std::string head = pending_.substr(0, end);
  pending_.erase(0, end + 4);
  long status = 0;
  size_t sp = head.find(' ');
  if (head.rfind("HTTP/1.", 0) != 0 || sp == std::string::npos)
    throw Error::cluster("WebSocket upgrade: the answer is not HTTP");
  status = std::strtol(head.c_str() + sp + 1, nullptr, 10);
  for (size_t pos = head.find("\r\n"); pos != std::string::npos;) {
    size_t next = head.find("\r\n", pos + 2);
    std::string line =
        head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    if (auto colon = line.find(':'); colon != std::string::npos) {
      std::string name = strings::to_lower(line.substr(0, colon));
      size_t v = line.find_first_not_of(' ', colon + 1);
      headers[name] = v == std::string::npos ? "" : line.substr(v);
    }
    pos = next;
  }
  if (status == 101) return {status, ""};
  // An error answer: read its body (Content-Length, else until close).
  long length = headers.count("content-length")
                    ? std::strtol(headers["content-length"].c_str(), nullptr, 10)
                    : -1;
  while ((length < 0 || pending_.size() < size_t(length)) && pending_.size() < max_handshake &&
         std::chrono::steady_clock::now() < deadline) {
    if (!read_some(1000)) break;
  }
  if (headers["transfer-encoding"] == "chunked") {  // decode the simple case
    std::string body, rest = pending_;
    for (size_t p = 0;;) {
      size_t nl = rest.find("\r\n", p);
      if (nl == std::string::npos) break;
      size_t n = std::strtoul(rest.c_str() + p, nullptr, 16);
      if (n == 0 || nl + 2 + n > rest.size()) break;
      body += rest.substr(nl + 2, n);
      p = nl + 2 + n + 2;
    }
    return {status, body};
  }
  return {status, length >= 0 ? pending_.substr(0, size_t(length)) : pending_};
}

void WebSocketConnection::send(ws::Opcode opcode, std::string_view payload) {
  ws::Frame f{true, opcode, std::string(payload)};
  write_all(ws::encode_frame(f, ws::random_mask()));
}

std::optional<ws::Frame> WebSocketConnection::receive(int timeout_ms) {
  for (int round = 0; round < 2; ++round) {
    while (auto msg = decoder_.next_message()) {
      if (msg->opcode == ws::Opcode::ping) {
        send(ws::Opcode::pong, msg->payload);
        continue;
      }
      if (msg->opcode == ws::Opcode::pong) continue;
      if (msg->opcode == ws::Opcode::close) {
        if (!close_sent_) close(ws::parse_close(msg->payload).first);
        closed_ = true;
      }
      return msg;
    }
    if (closed_ || round == 1) break;
    if (!read_some(timeout_ms)) {
      closed_ = true;
      break;
    }
    decoder_.feed(pending_);
    pending_.clear();
  }
  return std::nullopt;
}

void WebSocketConnection::close(uint16_t code, std::string_view reason) {
  if (close_sent_ || closed_) return;
  close_sent_ = true;
  try {
    send(ws::Opcode::close, ws::close_payload(code == 1005 ? 1000 : code, reason));
  } catch (const Error&) {
    closed_ = true;  // the peer is gone already
  }
}

}  // namespace sparkctl::k8s
