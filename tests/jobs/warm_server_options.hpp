// How a job test runs the real binary against the suite's warm server
// (the jobs.spark_server_up fixture's state folder), whatever the
// developer's environment points SPARKCTL_REMOTE at.
#pragma once

#include "command_runner.hpp"

namespace sparkctl::jobs {

inline testing::CommandOptions warm_server() {
  testing::CommandOptions options;
  options.env["SPARKCTL_STATE_DIR"] = TEST_SPARK_STATE_DIR;
  options.unset_env = {"SPARKCTL_REMOTE", "SPARKCTL_SPARK_REMOTE"};
  return options;
}

}  // namespace sparkctl::jobs
