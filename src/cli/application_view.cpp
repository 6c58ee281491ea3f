#include "application_view.hpp"

#include <ctime>
#include <ostream>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/text_table.hpp"

namespace sparkctl::cli {

namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string attempts(const k8s::ApplicationStatus& status) {
  return std::to_string(status.submission_attempts) + "/" +
         std::to_string(status.execution_attempts);
}

std::string executors(const k8s::ApplicationStatus& status) {
  if (status.executors.empty()) return "-";
  return std::to_string(status.executors.size()) + " (" + status.executor_counts() + ")";
}

std::string ui(const k8s::ApplicationStatus& status) {
  if (status.ui_service.empty()) return or_dash(status.ui_address);
  return status.ui_address.empty() ? status.ui_service
                                   : status.ui_service + " (" + status.ui_address + ")";
}

}  // namespace

namespace {

// Seconds since the epoch of an RFC 3339 timestamp (UTC), -1 if unreadable.
std::time_t epoch_of(const std::string& timestamp) {
  std::tm tm{};
  if (timestamp.empty() || strptime(timestamp.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr)
    return -1;
  return timegm(&tm);
}

}  // namespace

std::string age_since(const std::string& timestamp) {
  const std::time_t then = epoch_of(timestamp);
  if (then < 0) return "-";
  return format_duration(std::chrono::seconds(std::time(nullptr) - then));
}

std::string time_until(const std::string& timestamp) {
  const std::time_t then = epoch_of(timestamp);
  if (then < 0) return "-";
  const std::time_t left = then - std::time(nullptr);
  return left <= 0 ? "due" : "in " + format_duration(std::chrono::seconds(left));
}

void print_application_table(std::ostream& out, const std::vector<k8s::SparkApplication>& apps,
                             bool detailed) {
  std::vector<std::string> headers = {"NAME",   "JOB",       "STATE",   "AGE",
                                      "DRIVER", "EXECUTORS", "ATTEMPTS"};
  if (detailed)
    headers = {"NAME",   "JOB", "STATE",     "AGE",      "SUBMITTED", "COMPLETED",
               "DRIVER", "UI",  "EXECUTORS", "ATTEMPTS", "ERROR"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& app : apps) {
    const auto& s = app.status;
    const std::string created = age_since(app.metadata.creation_timestamp);
    if (detailed) {
      rows.push_back({app.name(), or_dash(app.job()), s.state_name(), created,
                      age_since(s.submitted), age_since(s.terminated), or_dash(s.driver_pod), ui(s),
                      executors(s), attempts(s), or_dash(s.error_message)});
    } else {
      rows.push_back({app.name(), or_dash(app.job()), s.state_name(), created,
                      or_dash(s.driver_pod), executors(s), attempts(s)});
    }
  }
  print_table(out, headers, rows);
}

std::string progress_text(const k8s::SparkApplication& app) {
  const auto& s = app.status;
  std::string text = s.state_name();
  if (!s.driver_pod.empty()) text += ", driver " + s.driver_pod;
  if (!s.executors.empty()) {
    text += ", " + std::to_string(s.executors.size()) + " executor" +
            (s.executors.size() == 1 ? "" : "s") + " (" + s.executor_counts() + ")";
  }
  return text;
}

}  // namespace sparkctl::cli
