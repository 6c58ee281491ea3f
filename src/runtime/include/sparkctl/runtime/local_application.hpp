// `sparkctl run app.py` / `run etl.jar --class ...`: the user's own
// application on this machine, on the same Spark as `run --job`. A script
// runs on Spark Connect: --remote / spark.remote, the warm server, or a
// server started for this run; a jar or a --classic script runs through
// spark-submit with spark.master.
#pragma once

#include <filesystem>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/runtime/application_runner.hpp"
#include "sparkctl/runtime/spark_target.hpp"

namespace sparkctl::runtime {

struct LocalApplicationResult {
  ApplicationOutcome outcome;
  std::string ran_on;  // "on the warm server", "with spark-submit --master local[*]", ...
};

// Config keys: spark.home, spark.java_home, spark.master, and what
// acquire_spark reads. `work_dir` is the run's working directory with the
// application's files in it by name (the caller's).
LocalApplicationResult run_local_application(const config::Config& config,
                                             const UserApplication& app,
                                             const std::filesystem::path& work_dir);

}  // namespace sparkctl::runtime
