// When to try again and how long to wait: exponential backoff with
// jitter, bounded, and the server's Retry-After honoured (capped).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>

namespace sparkctl::k8s {

using Millis = std::chrono::milliseconds;

class Backoff {
 public:
  explicit Backoff(Millis base = Millis(250), Millis cap = Millis(8000)) : base_(base), cap_(cap) {}
  Millis next();  // base * 2^n with +-20% jitter, at most cap
  void reset() { attempt_ = 0; }

 private:
  Millis base_, cap_;
  int attempt_ = 0;
};

constexpr int kMaxRequestAttempts = 5;
constexpr Millis kMaxRetryAfter = Millis(10000);

// Retry-After in seconds (an HTTP date counts as one second), capped.
std::optional<Millis> parse_retry_after(const std::string& value);

// 429 is always safe to retry; 5xx only when the request is idempotent or
// the server said Retry-After (it did not process it), as client-go does.
bool retryable_status(long status, const std::string& method, bool has_retry_after);

// Failures before the request could have reached the server are always
// retryable; failures mid-exchange only for reads.
bool retryable_transport(CURLcode code, const std::string& method);

}  // namespace sparkctl::k8s
