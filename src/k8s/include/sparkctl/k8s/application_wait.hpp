// Following a SparkApplication to its end, as `wait`, `submit --wait`
// and `status` need it: the outcome, and when it failed or cannot start,
// the cause in one line (pod_diagnosis.hpp) with the driver's last log
// lines. What a person sees while it runs is the observer's business.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "sparkctl/core/error.hpp"
#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

// What happens during a wait, for the one who shows it.
class WaitObserver {
 public:
  virtual ~WaitObserver() = default;
  // The application as last seen (state, driver, executors).
  virtual void changed(const SparkApplication& /*app*/) {}
  // A pod problem worth a warning line (it may still clear).
  virtual void problem(const std::string& /*line*/) {}
  // The wait is over; anything after this is the outcome.
  virtual void finished() {}
  // The last lines of the driver's log of a failed application.
  virtual void driver_log(const std::string& /*pod*/, const std::string& /*tail*/) {}
};

struct WaitOptions {
  std::chrono::seconds timeout{3600};
  std::chrono::seconds pending_timeout{300};
  bool delete_on_failure = false;  // delete the application (and session objects) when it fails
};

// Watches `name` until it is COMPLETED (returned) or FAILED /
// SUBMISSION_FAILED (Error::job: the cause from its pods or the
// operator), cannot start (Error::job: a pod waits for an image or a node
// past the pending timeout, or at once when that never heals), is deleted
// (Error::job), or the timeout passes (Error::cluster). Watch windows of
// a few seconds with the pods looked at in between: the operator reports
// nothing while a pod waits for an image or a node.
SparkApplication wait_for_application(Cluster& cluster, const std::string& name,
                                      const WaitOptions& options, WaitObserver& observer);

// The error for `app`, which failed or cannot run, given its verdict
// ("FAILED: <cause>"): "SparkApplication "NAME" <verdict>". Before that,
// hands the driver's last log lines to the observer and deletes the
// application (with its session objects) when `delete_application`.
Error application_failed(Cluster& cluster, const SparkApplication& app, const std::string& verdict,
                         bool delete_application, WaitObserver& observer);

// The verdict on a finished application from its pods now, for `status`:
// "FAILED: <cause>". Empty unless it failed.
std::string failure_verdict(Cluster& cluster, const SparkApplication& app);

// The pending problems of `app`'s pods now (an image, a node, a missing
// Secret), one sentence each, for `status`.
std::vector<std::string> pending_problems(Cluster& cluster, const SparkApplication& app);

}  // namespace sparkctl::k8s
