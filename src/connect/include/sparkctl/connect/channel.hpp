// The transport end of a Spark Connect connection: parsing the
// `sc://host:port/;param=value;...` connection string (Spark's
// "Connect client connection string" spec) and building the gRPC channel.
//
// Recognised parameters: token (a bearer token; implies use_ssl=true but
// to a loopback host, see token_source.hpp), user_id, user_agent,
// session_id (a UUID to reuse a server session), use_ssl. Any other
// parameter is sent as a gRPC header on every call. The token is never
// logged or put into an error message: use redacted().
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace grpc {
class Channel;
}

namespace sparkctl::connect {

inline constexpr int default_port = 15002;

// Backoff for retryable failures (UNAVAILABLE): delays grow by `multiplier`
// from `initial_backoff` up to `max_backoff`, with jitter.
struct RetryPolicy {
  int max_retries = 5;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  double multiplier = 4.0;
};

struct ChannelOptions {
  std::string host;
  int port = default_port;
  std::string token;       // empty = none
  std::string user_id;     // empty = $USER
  std::string user_agent;  // appended to client_type when set
  std::string session_id;  // empty = a new random UUID
  bool use_ssl = false;
  std::map<std::string, std::string> headers;  // extra gRPC metadata
  RetryPolicy retry;

  std::string target() const;  // "host:port" (IPv6 hosts in brackets)
};

// Throws sparkctl::Error (usage, exit 2) naming the problem; the message
// shows the string with any token replaced by "***".
ChannelOptions parse_connection_string(std::string_view connection_string);

// The connection string with the token value masked, for logs and errors.
std::string redacted(std::string_view connection_string);

std::shared_ptr<grpc::Channel> make_channel(const ChannelOptions& options);

}  // namespace sparkctl::connect
