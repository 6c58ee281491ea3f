// How SparkApplications look to people: the state table shared by `list`
// and `status`, ages in kubectl's style, and the one-line progress text
// of `wait`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

// Time since an RFC 3339 timestamp ("-" when empty or unreadable).
std::string age_since(const std::string& timestamp);
// Time until an RFC 3339 timestamp: "in 4m10s", "due" once it has passed,
// "-" when empty or unreadable.
std::string time_until(const std::string& timestamp);

// `list`: NAME JOB STATE AGE DRIVER EXECUTORS ATTEMPTS; `status`
// (detailed) adds SUBMITTED, COMPLETED, UI and ERROR.
void print_application_table(std::ostream& out, const std::vector<k8s::SparkApplication>& apps,
                             bool detailed);

// "RUNNING, driver pi-driver, 2 executors (2 RUNNING)" for wait's progress.
std::string progress_text(const k8s::SparkApplication& app);

}  // namespace sparkctl::cli
