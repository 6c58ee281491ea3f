#include "sparkctl/k8s/scheduled_application.hpp"

#include <filesystem>
#include <regex>
#include <sstream>

#include "json_fields.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;

const char* zone_database = "/usr/share/zoneinfo";

}  // namespace

void validate_cron(const std::string& cron) {
  static const std::regex descriptor("^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$");
  static const std::regex every(R"(^@every ([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$)");
  static const std::regex field(R"(^[0-9A-Za-z*?/,\-]+$)");
  std::string spec = cron;
  if (spec.rfind("CRON_TZ=", 0) == 0 || spec.rfind("TZ=", 0) == 0)
    spec = spec.substr(spec.find(' ') == std::string::npos ? spec.size() : spec.find(' ') + 1);
  bool ok = std::regex_match(spec, descriptor) || std::regex_match(spec, every);
  if (!ok && !spec.empty() && spec[0] != '@') {
    std::istringstream words(spec);
    int count = 0;
    ok = true;
    for (std::string word; words >> word; ++count) ok = ok && std::regex_match(word, field);
    ok = ok && count == 5;
  }
  if (!ok)
    throw Error::usage("--cron \"" + cron +
                       "\": expected five fields (minute hour day-of-month month day-of-week, "
                       "e.g. \"0 3 * * *\"), @hourly/@daily/@weekly/@monthly/@yearly, or "
                       "\"@every 10m\"");
}

void validate_schedule(const ScheduleRequest& request) {
  validate_cron(request.cron);
  std::error_code ec;
  if (!request.time_zone.empty() && std::filesystem::is_directory(zone_database, ec) &&
      (request.time_zone.find("..") != std::string::npos ||
       !std::filesystem::is_regular_file(std::filesystem::path(zone_database) / request.time_zone,
                                         ec)))
    throw Error::usage("--time-zone " + request.time_zone +
                       ": not a time zone (an IANA name such as Europe/Berlin or UTC)");
  const auto& policy = request.concurrency_policy;
  if (!policy.empty() && policy != "Allow" && policy != "Forbid" && policy != "Replace")
    throw Error::usage("--concurrency-policy " + policy + ": expected Allow, Forbid or Replace");
}

nlohmann::ordered_json render_schedule(const nlohmann::ordered_json& application,
                                       const ScheduleRequest& request) {
  nlohmann::ordered_json schedule;
  schedule["apiVersion"] = spark_api_version;
  schedule["kind"] = scheduled_kind;
  schedule["metadata"] = application["metadata"];
  nlohmann::ordered_json spec;
  spec["schedule"] = request.cron;
  if (!request.time_zone.empty()) spec["timeZone"] = request.time_zone;
  spec["concurrencyPolicy"] =
      request.concurrency_policy.empty() ? "Allow" : request.concurrency_policy;
  if (request.keep_successful) spec["successfulRunHistoryLimit"] = *request.keep_successful;
  if (request.keep_failed) spec["failedRunHistoryLimit"] = *request.keep_failed;
  spec["suspend"] = request.suspend;
  spec["template"] = application["spec"];
  schedule["spec"] = std::move(spec);
  return schedule;
}

ScheduledSparkApplication ScheduledSparkApplication::from_json(const json& schedule) {
  ScheduledSparkApplication s;
  s.metadata = ObjectMeta::from_json(schedule);
  s.object = schedule;
  s.job = s.metadata.label(job_label);
  const json& spec = json_object(schedule, "spec");
  s.cron = json_text(spec, "schedule");
  s.time_zone = json_text(spec, "timeZone");
  const auto suspend = spec.find("suspend");
  s.suspended = suspend != spec.end() && suspend->is_boolean() && suspend->get<bool>();
  const json& status = json_object(schedule, "status");
  s.state = json_text(status, "scheduleState");
  s.reason = json_text(status, "reason");
  s.last_run = json_text(status, "lastRun");
  s.next_run = json_text(status, "nextRun");
  s.last_run_name = json_text(status, "lastRunName");
  return s;
}

json run_now_application(const json& schedule, std::chrono::system_clock::time_point now) {
  const json& metadata = json_object(schedule, "metadata");
  const std::string name = json_text(metadata, "name");
  json labels = json_object(metadata, "labels");
  labels[scheduled_app_label] = name;
  const auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  return {{"apiVersion", spark_api_version},
          {"kind", spark_kind},
          {"metadata",
           {{"name", name + "-" + std::to_string(nanos)},
            {"namespace", json_text(metadata, "namespace")},
            {"labels", labels},
            {"ownerReferences", json::array({{{"apiVersion", spark_api_version},
                                              {"kind", scheduled_kind},
                                              {"name", name},
                                              {"uid", json_text(metadata, "uid")},
                                              {"blockOwnerDeletion", true}}})}}},
          {"spec", json_object(schedule, "spec").value("template", json::object())}};
}

}  // namespace sparkctl::k8s
