#include "sparkctl/connect/channel.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>

#include "sparkctl/connect/token_source.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "uuid.hpp"

namespace sparkctl::connect {
namespace {

constexpr std::string_view scheme = "sc://";
// Spark's server accepts up to 128 MiB messages by default; match it.
constexpr int max_message_bytes = 128 * 1024 * 1024;
constexpr int receive_window_bytes = 8 * 1024 * 1024;

[[noreturn]] void fail(std::string_view text, const std::string& why) {
  throw Error::usage("invalid Spark Connect URL '" + redacted(text) + "': " + why +
                     " (expected sc://host[:port][/;param=value;...])");
}

bool parse_bool(std::string_view text, const std::string& key, std::string_view whole) {
  std::string v(text);
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  if (v == "true") return true;
  if (v == "false") return false;
  fail(whole, key + " must be true or false");
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

bool valid_header_name(const std::string& key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::string ChannelOptions::target() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string redacted(std::string_view text) { return strings::mask_connect_token(text); }

ChannelOptions parse_connection_string(std::string_view text) {
  return parse_connection_string(text, "");
}

ChannelOptions parse_connection_string(std::string_view text, const std::string& fallback_token) {
  if (text.substr(0, scheme.size()) != scheme) fail(text, "it must start with sc://");
  std::string_view rest = text.substr(scheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view params = slash == std::string_view::npos ? "" : rest.substr(slash + 1);

  ChannelOptions opts;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {  // [::1]:15002
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) fail(text, "unclosed '[' in the host");
    opts.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') fail(text, "unexpected text after the host");
      port_text = after.substr(1);
      if (port_text.empty()) fail(text, "empty port");
    }
  } else {
    const size_t colon = authority.find(':');
    opts.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) fail(text, "empty port");
    }
  }
  if (opts.host.empty()) fail(text, "the host is missing");
  if (!port_text.empty()) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535) {
      fail(text, "the port must be a number from 1 to 65535");
    }
    opts.port = port;
  }

  if (!params.empty() && params.front() != ';') fail(text, "a path is not allowed after the host");
  bool ssl_given = false;
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view param = params.substr(0, semi);
    params = semi == std::string_view::npos ? "" : params.substr(semi + 1);
    if (param.empty()) continue;
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos || eq == 0) fail(text, "parameters must be key=value");
    std::string key(param.substr(0, eq));
    std::string_view value = param.substr(eq + 1);
    if (key == "token") {
      if (value.empty()) fail(text, "token is empty");
      opts.token = std::string(value);
    } else if (key == "user_id") {
      opts.user_id = std::string(value);
    } else if (key == "user_agent") {
      opts.user_agent = std::string(value);
    } else if (key == "session_id") {
      if (!is_uuid(value)) fail(text, "session_id must be a UUID");
      opts.session_id = std::string(value);
    } else if (key == "use_ssl") {
      opts.use_ssl = parse_bool(value, key, text);
      ssl_given = true;
    } else {
      if (!valid_header_name(key)) fail(text, "parameter '" + key + "' is not a valid header name");
      opts.headers[key] = std::string(value);
    }
  }
  if (opts.token.empty()) opts.token = fallback_token;
  if (!opts.token.empty()) {
    // The spec: a token implies TLS. Plain text with a token is allowed only
    // to this machine (a local server, which speaks no TLS; pyspark does the
    // same for localhost).
    if (!ssl_given) opts.use_ssl = !is_loopback(opts.host);
    if (!opts.use_ssl && !is_loopback(opts.host)) {
      fail(text, "a token is sent only over TLS (use_ssl=false is allowed for localhost only)");
    }
  }
  return opts;
}

std::string token_from_file_or_environment(const std::string& token_file) {
  if (token_file.empty()) {
    const char* token = std::getenv(token_environment_variable);
    return token ? token : "";
  }
  std::ifstream in(token_file);
  std::string token;
  if (!in || !std::getline(in, token))
    throw Error::usage("cannot read the Spark Connect token file " + token_file);
  token = strings::trim(token);
  if (token.empty()) throw Error::usage("the Spark Connect token file " + token_file + " is empty");
  return token;
}

std::shared_ptr<grpc::Channel> make_channel(const ChannelOptions& options) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(max_message_bytes);
  args.SetMaxSendMessageSize(max_message_bytes);
  // A fixed receive window instead of gRPC's bandwidth-delay probing: on
  // loopback the probing grows the window to tens of MiB, and a result the
  // client writes slower than Spark sends it (a busy machine) then piles up
  // in gRPC's buffers. Two of Spark's 4 MiB Arrow responses in flight keep
  // the stream as fast and bound what it holds.
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, receive_window_bytes);
  auto credentials = options.use_ssl ? grpc::SslCredentials(grpc::SslCredentialsOptions())
                                     : grpc::InsecureChannelCredentials();
  // The bearer token is added per call as metadata (see Client), so it
  // works the same over TLS and over a loopback plain-text channel.
  return grpc::CreateCustomChannel(options.target(), credentials, args);
}

}  // namespace sparkctl::connect
