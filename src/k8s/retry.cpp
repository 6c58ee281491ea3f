#include "retry.hpp"

#include <algorithm>
#include <cstdlib>

namespace sparkctl::k8s {

std::optional<Millis> parse_retry_after(const std::string& value) {
  if (value.empty()) return std::nullopt;
  char* end = nullptr;
  long seconds = std::strtol(value.c_str(), &end, 10);
  if (end == value.c_str() || *end != '\0' || seconds < 0) return Millis(1000);
  return std::min<Millis>(Millis(seconds * 1000), max_retry_after);
}

bool retryable_status(long status, const std::string& method, bool has_retry_after) {
  if (status == 429) return true;
  if (status != 500 && status != 502 && status != 503 && status != 504) return false;
  return method == "GET" || has_retry_after;
}

bool retryable_transport(CURLcode code, const std::string& method) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return method == "GET";
    default:
      return false;
  }
}

}  // namespace sparkctl::k8s
