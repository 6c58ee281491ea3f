// How long to wait before trying again: exponential backoff with jitter, so
// clients that failed together do not retry together. Used by the
// Kubernetes client (requests, watches) and the Spark Connect client.
#pragma once

#include <chrono>

namespace sparkctl {

struct BackoffPolicy {
  std::chrono::milliseconds initial{250};
  std::chrono::milliseconds cap{8000};
  double multiplier = 2.0;
  double jitter = 0.2;  // each delay is scaled by a random factor in [1 - jitter, 1 + jitter]
};

// The delay before retry number `attempt` (0-based): initial *
// multiplier^attempt, at most cap, with jitter.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int attempt);

// Counts the attempts for a caller that retries in a loop.
class Backoff {
 public:
  explicit Backoff(BackoffPolicy policy = {}) : policy_(policy) {}
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap)
      : policy_{initial, cap} {}

  std::chrono::milliseconds next() { return backoff_delay(policy_, attempt_++); }
  void reset() { attempt_ = 0; }

 private:
  BackoffPolicy policy_;
  int attempt_ = 0;
};

}  // namespace sparkctl
