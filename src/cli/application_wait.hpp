// Waiting on a SparkApplication, shared by `wait`, `submit --wait`,
// `submit --replace` and `delete --wait`.
#pragma once

#include <chrono>
#include <string>

#include "kube_context.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::cli {

// --timeout: 90, 90s, 5m, 1h30m; "" = kubernetes.wait_timeout seconds.
std::chrono::seconds parse_timeout(const std::string& text, const config::Config& config);
// Throws Error::usage for a --timeout parse_timeout would refuse (verbs
// check it before connecting).
void validate_timeout(const std::string& text);

struct WaitOptions {
  std::chrono::seconds timeout{3600};
  bool quiet = false;  // -q: no progress on stderr
};

// Watches NAME until it is COMPLETED (returns its summary) or FAILED /
// SUBMISSION_FAILED (Error::job with the operator's errorMessage, exit 1),
// is deleted (exit 1), or the timeout passes (Error::cluster, exit 3).
// Progress goes to stderr: a live line on a terminal, a log line per state
// change otherwise. A dropped watch resumes where it was.
k8s::ApplicationSummary wait_for_application(KubeSession& session, const std::string& name,
                                             const WaitOptions& options);

// Until GET NAME answers 404 (the operator's finalizer may hold it a while).
void wait_until_deleted(KubeSession& session, const std::string& name,
                        std::chrono::seconds timeout);

}  // namespace sparkctl::cli
