// When to try again and how long to wait (core/backoff.hpp), with the
// server's Retry-After honoured (capped).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>

#include "sparkctl/core/backoff.hpp"

namespace sparkctl::k8s {

using Millis = std::chrono::milliseconds;

// The client's backoff: 250 ms doubling up to 8 s, +-20% jitter.
using Backoff = sparkctl::Backoff;

constexpr int max_request_attempts = 5;
constexpr Millis max_retry_after = Millis(10000);

// Retry-After in seconds (an HTTP date counts as one second), capped.
std::optional<Millis> parse_retry_after(const std::string& value);

// 429 is always safe to retry; 5xx only when the request is idempotent or
// the server said Retry-After (it did not process it), as client-go does.
bool retryable_status(long status, const std::string& method, bool has_retry_after);

// Failures before the request could have reached the server are always
// retryable; failures mid-exchange only for reads.
bool retryable_transport(CURLcode code, const std::string& method);

}  // namespace sparkctl::k8s
