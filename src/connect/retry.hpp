// When and how long to wait before retrying a Spark Connect call.
#pragma once

#include <grpcpp/support/status.h>

#include <chrono>

#include "sparkctl/connect/channel.hpp"

namespace sparkctl::connect {

// UNAVAILABLE (server not up yet, connection dropped) is worth retrying;
// so is a reattachable stream whose cursor was disconnected.
bool retryable(const grpc::Status& status);

// The delay before retry number `attempt` (0-based): the policy's
// exponential backoff (core/backoff.hpp) with +-25% jitter.
std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt);

}  // namespace sparkctl::connect
