// One HTTP request of the object stores over libcurl: the body sent from
// memory, the answer collected, nothing retried. The stores turn a status
// into their own error message; this only reports what happened.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sparkctl::storage::http {

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent when not empty (or when the method is POST/PUT)
  long timeout_seconds = 600;
  // Bytes of `body` sent so far. It may throw: the transfer stops and
  // perform() rethrows that exception once libcurl has let go.
  std::function<void(std::uint64_t sent)> on_sent;
};

struct Response {
  long status = 0;      // 0 when no answer came
  std::string failure;  // libcurl's reason when no answer came
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names, last value wins
};

Response perform(const Request& request);

// `text` escaped for one URL path segment or query value ('/' too).
std::string escape(const std::string& text);

}  // namespace sparkctl::storage::http
