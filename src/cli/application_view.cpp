#include "application_view.hpp"

#include <ctime>
#include <ostream>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/text_table.hpp"

namespace sparkctl::cli {

namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string attempts(const k8s::ApplicationSummary& app) {
  return std::to_string(app.submission_attempts) + "/" + std::to_string(app.execution_attempts);
}

std::string executors(const k8s::ApplicationSummary& app) {
  if (app.executors.empty()) return "-";
  return std::to_string(app.executors.size()) + " (" + app.executor_counts() + ")";
}

std::string ui(const k8s::ApplicationSummary& app) {
  if (app.ui_service.empty()) return or_dash(app.ui_address);
  return app.ui_address.empty() ? app.ui_service : app.ui_service + " (" + app.ui_address + ")";
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

void print_application_table(std::ostream& out, const std::vector<k8s::ApplicationSummary>& apps,
                             bool detailed) {
  std::vector<std::string> headers = {"NAME",   "JOB",       "STATE",   "AGE",
                                      "DRIVER", "EXECUTORS", "ATTEMPTS"};
  if (detailed)
    headers = {"NAME",   "JOB", "STATE",     "AGE",      "SUBMITTED", "COMPLETED",
               "DRIVER", "UI",  "EXECUTORS", "ATTEMPTS", "ERROR"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& app : apps) {
    if (detailed) {
      rows.push_back({app.name, or_dash(app.job), app.state_or_new(), age_since(app.created),
                      age_since(app.submitted), age_since(app.terminated), or_dash(app.driver_pod),
                      ui(app), executors(app), attempts(app), or_dash(app.error_message)});
    } else {
      rows.push_back({app.name, or_dash(app.job), app.state_or_new(), age_since(app.created),
                      or_dash(app.driver_pod), executors(app), attempts(app)});
    }
  }
  print_table(out, headers, rows);
}

std::string progress_text(const k8s::ApplicationSummary& app) {
  std::string text = app.state_or_new();
  if (!app.driver_pod.empty()) text += ", driver " + app.driver_pod;
  if (!app.executors.empty()) {
    text += ", " + std::to_string(app.executors.size()) + " executor" +
            (app.executors.size() == 1 ? "" : "s") + " (" + app.executor_counts() + ")";
  }
  return text;
}

}  // namespace sparkctl::cli
