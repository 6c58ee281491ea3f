// A job kept outside sparkctl's source tree (tests/jobs/external_job_test.sh
// copies this folder elsewhere and builds sparkctl with SPARKCTL_JOB_DIRS
// naming it): it registers itself, declares typed arguments and runs on Spark.
#include <ostream>

#include "greeting.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/jobs/job.hpp"

namespace {

using namespace sparkctl::connect::functions;

int run(sparkctl::jobs::JobContext& context) {
  const std::int64_t below = context.arg_int("below");
  const std::int64_t even = context.spark().range(below).filter(col("id") % 2 == 0).count();
  context.out() << greeting(context.arg_string("name"), context.arg_bool("shout")) << ": " << even
                << " even numbers below " << below << "\n";
  return 0;
}

const sparkctl::jobs::JobRegistration registration([] {
  sparkctl::jobs::Job job;
  job.name = "greet";
  job.summary = "greet someone and count even numbers on Spark (a job from outside sparkctl)";
  job.args = {
      sparkctl::jobs::string_arg("name", "world", "who to greet"),
      sparkctl::jobs::boolean_arg("shout", false, "greet in capitals"),
      sparkctl::jobs::integer_arg("below", 10, 1, 1000000, "count even numbers below this"),
  };
  job.execute = run;
  return job;
}());

}  // namespace
