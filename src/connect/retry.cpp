#include "retry.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace sparkctl::connect {

bool retryable(const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) return true;
  return status.error_code() == grpc::StatusCode::INTERNAL &&
         status.error_message().find("INVALID_CURSOR.DISCONNECTED") != std::string::npos;
}

std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt) {
  thread_local std::mt19937 engine{std::random_device{}()};
  const double base =
      static_cast<double>(policy.initial_backoff.count()) * std::pow(policy.multiplier, attempt);
  const double capped = std::min(base, static_cast<double>(policy.max_backoff.count()));
  std::uniform_real_distribution<double> jitter(0.75, 1.25);
  return std::chrono::milliseconds(static_cast<long long>(capped * jitter(engine)));
}

}  // namespace sparkctl::connect
