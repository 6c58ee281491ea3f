#pragma once

#include <cstdint>

#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {

// The pi job estimates pi by Monte Carlo like Spark's classic example, with
// the sampling and counting done by Spark: partitions x 100000 random
// points in the unit square, counting those inside the unit circle.
struct PiEstimate {
  std::int64_t samples = 0;
  std::int64_t inside = 0;
  double pi = 0;
};

PiEstimate estimate_pi(connect::Session& spark, std::int64_t partitions);

}  // namespace sparkctl::jobs
