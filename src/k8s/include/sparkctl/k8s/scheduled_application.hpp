// The spark-operator's ScheduledSparkApplication: a SparkApplication spec
// (the template) that the operator runs on a cron schedule. Rendering one
// from a rendered application, its status in the verbs' terms, and the
// application `schedule run-now` makes from it, named and labelled as the
// operator names and labels its own runs (so history limits count it).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sparkctl/k8s/object_meta.hpp"

namespace sparkctl::k8s {

inline constexpr const char* scheduled_kind = "ScheduledSparkApplication";
inline constexpr const char* scheduled_plural = "scheduledsparkapplications";
// The operator's label on each run: the schedule's name.
inline constexpr const char* scheduled_app_label = "sparkoperator.k8s.io/scheduled-app-name";

struct ScheduleRequest {
  std::string cron;                    // "0 3 * * *", "@hourly", "@every 10m"
  std::string time_zone;               // IANA name; "" = the operator's
  std::string concurrency_policy;      // Allow, Forbid, Replace; "" = Allow
  std::optional<int> keep_successful;  // successfulRunHistoryLimit
  std::optional<int> keep_failed;      // failedRunHistoryLimit
  bool suspend = false;
};

// Throws Error::usage, in one line, for a schedule the operator's cron
// parser would refuse: five fields, or @yearly/@annually/@monthly/
// @weekly/@daily/@midnight/@hourly, or "@every <duration>" (1h30m, 10s).
void validate_cron(const std::string& cron);
// Throws Error::usage for an unknown time zone (when this machine has the
// zone database to tell) or concurrency policy.
void validate_schedule(const ScheduleRequest& request);

// The ScheduledSparkApplication for `application` (a rendered
// SparkApplication: its metadata is the schedule's, its spec the template).
nlohmann::ordered_json render_schedule(const nlohmann::ordered_json& application,
                                       const ScheduleRequest& request);

struct ScheduledSparkApplication {
  ObjectMeta metadata;
  std::string job;  // the sparkctl.dev/job label
  std::string cron, time_zone;
  std::string state;  // the operator's scheduleState: "" (new), Scheduled, FailedValidation
  std::string reason;
  std::string last_run, next_run;  // RFC 3339
  std::string last_run_name;
  bool suspended = false;
  nlohmann::json object;  // as the API server returned it

  const std::string& name() const { return metadata.name; }
  static ScheduledSparkApplication from_json(const nlohmann::json& schedule);
};

// A run of `schedule` now: its template, name "<schedule>-<unix nanos>",
// the operator's label plus the schedule's labels, owned by the schedule.
nlohmann::json run_now_application(const nlohmann::json& schedule,
                                   std::chrono::system_clock::time_point now);

}  // namespace sparkctl::k8s
