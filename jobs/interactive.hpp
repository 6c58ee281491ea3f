#pragma once

#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {
// A Spark Connect session to work in: locally a server plus the SQL shell;
// on the cluster a long-lived driver that `sparkctl shell --app` reaches.
const Job& interactive_job();
}  // namespace sparkctl::jobs
