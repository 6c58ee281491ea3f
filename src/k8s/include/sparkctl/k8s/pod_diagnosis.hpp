// Why a Spark application's pods fail or do not start, read from the pod
// objects the kubelet and scheduler write: OOM kills and exit codes
// (container termination states), evictions, image errors (waiting
// reasons), unschedulable pods (the PodScheduled condition the scheduler's
// FailedScheduling sets). Pure functions on the API server's JSON; the
// verbs fetch the pods and say what these return.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

enum class PodProblemKind {
  oom_killed,     // a container ended OOMKilled (now or in its last state)
  evicted,        // the kubelet evicted the pod (node pressure)
  image,          // ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName
  config,         // CreateContainerConfigError: a Secret or ConfigMap it needs is missing
  unschedulable,  // the scheduler found no node (not enough CPU or memory, ...)
  failed,         // a container ended with a non-zero exit code
};

struct PodProblem {
  PodProblemKind kind = PodProblemKind::failed;
  std::string pod;     // metadata.name
  std::string role;    // "driver" or "executor" (the spark-role label)
  std::string detail;  // one line, e.g. "ErrImageNeverPull: Container image ... not present"
  int exit_code = 0;   // for failed and oom_killed
  // Pending problems that may clear up by themselves (a registry back, a
  // node added); false for those that never do (ErrImageNeverPull,
  // InvalidImageName) and for terminal ones.
  bool may_heal = false;

  bool pending() const {
    return kind == PodProblemKind::image || kind == PodProblemKind::config ||
           kind == PodProblemKind::unschedulable;
  }
};

// The problem of one pod, the most telling first (OOM kill, eviction,
// image, config, unschedulable, exit code); nullopt for a healthy pod.
std::optional<PodProblem> pod_problem(const nlohmann::json& pod);

// "spark-role" of a pod: "driver", "executor" or "".
std::string pod_role(const nlohmann::json& pod);

// The cause of a failed application in one line, for
// `SparkApplication "NAME" FAILED: <cause>`: from the problems its pods
// showed (those seen while waiting too: executor pods may be gone by now),
// else the operator's errorMessage, else the state alone. `sparkctl_job`:
// the driver is sparkctl's entrypoint, whose exit codes have meanings.
std::string failure_cause(const SparkApplication& app, const std::vector<PodProblem>& problems,
                          bool sparkctl_job);

// One pending problem as a sentence: "the driver pod pi-1-driver cannot
// be scheduled: 0/1 nodes are available: 1 Insufficient cpu".
std::string describe(const PodProblem& problem);

}  // namespace sparkctl::k8s
