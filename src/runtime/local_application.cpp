#include "sparkctl/runtime/local_application.hpp"

#include <spdlog/spdlog.h>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace sparkctl::runtime {

LocalApplicationResult run_local_application(const config::Config& config,
                                             const UserApplication& app,
                                             const std::filesystem::path& work_dir) {
  using config::keys::spark_java_home;
  ApplicationRun run;
  run.work_dir = work_dir;
  run.spark_home = configured_spark_home(config);
  LocalApplicationResult result;
  if (app.runs_classic()) {
    run.java_home = find_java(config.get_string(spark_java_home),
                              "spark.java_home (" + config.origin(spark_java_home).describe() + ")")
                        .home;
    run.master = config.get_string(config::keys::spark_master);
    spdlog::debug("running {} with spark-submit --master {}", app.main_file, run.master);
    result.ran_on = "with spark-submit --master " + run.master;
    result.outcome = run_application(app, run);
    return result;
  }
  const SparkTarget target = acquire_spark(config, {});
  run.remote = target.remote;
  spdlog::debug("running {} on the {} {}", app.main_file, describe(target.kind),
                strings::mask_connect_token(target.remote));
  result.ran_on = std::string("on the ") + describe(target.kind);
  result.outcome = run_application(app, run);
  return result;
}

}  // namespace sparkctl::runtime
