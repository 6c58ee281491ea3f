// What `wait`, `submit --wait` and `status` say when an application failed
// or cannot start: the cause in one line (k8s/pod_diagnosis.hpp), the last
// lines of the driver's log before it, and --delete-on-failure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kube_context.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/k8s/pod_diagnosis.hpp"

namespace sparkctl::cli {

// The application's driver and executor pods (the operator labels both
// with sparkoperator.k8s.io/app-name). Empty when they cannot be listed,
// e.g. without RBAC for pods: diagnosis is a bonus, not a requirement.
std::vector<nlohmann::json> application_pods(KubeSession& session, const std::string& name);

// The problems of `pods` that ended (OOM kills, evictions, exit codes).
std::vector<k8s::PodProblem> ended_problems(const std::vector<nlohmann::json>& pods);

// The error for an application that failed or cannot run (exit 1):
// "SparkApplication "NAME" <verdict>", e.g. verdict "FAILED: <cause>".
// Before it, prints the last lines of the driver's log on stderr (when the
// pod still has one), and deletes the application (and a session's Secret
// and Service) when `delete_application`.
Error application_failed(KubeSession& session, const k8s::ApplicationSummary& app,
                         const std::string& verdict, bool delete_application);

}  // namespace sparkctl::cli
