#include "pi.hpp"

#include <cstdio>
#include <ostream>

#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"

namespace sparkctl::jobs {
namespace {

constexpr std::int64_t samples_per_partition = 100000;

int run(JobContext& context) {
  const std::int64_t partitions = context.arg_int("partitions");
  const PiEstimate estimate = estimate_pi(context.spark(), partitions);
  char pi[32];
  std::snprintf(pi, sizeof pi, "%f", estimate.pi);
  context.out() << "Pi is roughly " << pi << "\n"
                << "(" << estimate.inside << " of " << estimate.samples
                << " samples inside the circle, " << partitions << " partitions)\n";
  const std::string& message = context.arg_string("message");
  if (!message.empty()) context.out() << message << "\n";
  return 0;
}

}  // namespace

PiEstimate estimate_pi(connect::Session& spark, std::int64_t partitions) {
  using namespace connect::functions;
  PiEstimate e;
  e.samples = partitions * samples_per_partition;
  // Points uniform in [-1, 1)^2; x and y use different seeds so they are
  // independent (rand(seed) is seeded per partition from seed + index).
  e.inside = spark.range(0, e.samples, 1, static_cast<int>(partitions))
                 .with_column("x", rand(17) * 2 - 1)
                 .with_column("y", rand(42) * 2 - 1)
                 .filter(col("x") * col("x") + col("y") * col("y") <= 1)
                 .count();
  e.pi = 4.0 * static_cast<double>(e.inside) / static_cast<double>(e.samples);
  return e;
}

namespace {

const JobRegistration registration([] {
  Job job;
  job.name = "pi";
  job.summary = "estimate pi by Monte Carlo sampling on Spark";
  job.args = {
      integer_arg("partitions", 10, 1, 100000,
                  "how many Spark partitions; samples = partitions x 100000"),
      string_arg("message", "", "printed after the estimate"),
  };
  job.execute = run;
  return job;
}());

}  // namespace

}  // namespace sparkctl::jobs
