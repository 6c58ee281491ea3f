#include "sparkctl/core/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace sparkctl {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt) {
  thread_local std::mt19937 engine{std::random_device{}()};
  // The exponent is bounded so that a long retry loop cannot overflow.
  const double base = static_cast<double>(policy.initial.count()) *
                      std::pow(policy.multiplier, std::min(attempt, 30));
  const double capped = std::min(base, static_cast<double>(policy.cap.count()));
  std::uniform_real_distribution<double> jitter(1.0 - policy.jitter, 1.0 + policy.jitter);
  return std::chrono::milliseconds(static_cast<long long>(capped * jitter(engine)));
}

}  // namespace sparkctl
