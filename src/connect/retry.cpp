#include "retry.hpp"

#include "sparkctl/core/backoff.hpp"

namespace sparkctl::connect {

bool retryable(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) return true;
  return status.error_code() == grpc::StatusCode::INTERNAL &&
         status.error_message().find("INVALID_CURSOR.DISCONNECTED") != std::string::npos;
}

std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt) {
  return backoff_delay({policy.initial_backoff, policy.max_backoff, policy.multiplier, 0.25},
                       attempt);
}

}  // namespace sparkctl::connect
