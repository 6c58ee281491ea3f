// Waiting on a SparkApplication, shared by `wait`, `submit --wait`,
// `submit --replace` and `delete --wait`.
#pragma once

#include <chrono>
#include <string>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "sparkctl/config/config.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

struct WaitOptions {
  std::chrono::seconds timeout{3600};
  std::chrono::seconds pending_timeout{300};
  bool quiet = false;              // -q: no progress on stderr
  bool delete_on_failure = false;  // delete the application when it fails
};

// The --pending-timeout and --delete-on-failure flags of the waiting verbs.
struct FailureFlags {
  DurationFlag pending_timeout{config::keys::kubernetes_pending_timeout};
  bool delete_on_failure = false;
};
void add_failure_flags(CLI::App& command, FailureFlags& flags);

// Watches NAME until it is COMPLETED (returns its summary) or FAILED /
// SUBMISSION_FAILED (exit 1, application_failure.hpp: the cause from its
// pods or the operator, the driver's last log lines), cannot start (exit
// 1: a pod waits for an image or a node past the pending timeout, or at
// once when that never heals), is deleted (exit 1), or the timeout passes
// (Error::cluster, exit 3). Progress goes to stderr: a live line on a
// terminal, a log line per state change otherwise, a warning per pod
// problem. A dropped watch resumes where it was.
k8s::ApplicationSummary wait_for_application(KubeSession& session, const std::string& name,
                                             const WaitOptions& options);

// Until GET NAME answers 404 (the operator's finalizer may hold it a while).
void wait_until_deleted(KubeSession& session, const std::string& name,
                        std::chrono::seconds timeout);

}  // namespace sparkctl::cli
