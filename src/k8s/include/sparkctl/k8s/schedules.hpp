// The operations on the ScheduledSparkApplications of one namespace
// (scheduled_application.hpp renders and reads them), typed as
// applications.hpp's are.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/scheduled_application.hpp"
#include "sparkctl/k8s/server_side_apply.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

struct ScheduleList {
  std::vector<ScheduledSparkApplication> items;
  nlohmann::json object;  // the List as the API server returned it
};

struct AppliedSchedule {
  ApplyOutcome outcome = ApplyOutcome::unchanged;
  ScheduledSparkApplication schedule;  // as the API server returned it (or would store it)
};

class Schedules {
 public:
  explicit Schedules(Cluster& cluster) : cluster_(cluster) {}

  // Creates it or brings it to `manifest` (server-side apply: safe to repeat).
  AppliedSchedule apply(const nlohmann::json& manifest, bool dry_run);
  ScheduledSparkApplication get(const std::string& name);
  ScheduleList list();
  void set_suspended(const std::string& name, bool suspend);
  void remove(const std::string& name);
  // A run of schedule `name` now, made as the operator makes its own runs
  // (run_now_application): the SparkApplication created.
  SparkApplication run_now(const std::string& name);

 private:
  Cluster& cluster_;
};

}  // namespace sparkctl::k8s
