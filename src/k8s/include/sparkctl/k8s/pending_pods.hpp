// When pods that cannot start should end a wait. The operator never fails
// an application whose pods wait for an image or a node: it stays
// SUBMITTED or RUNNING for ever. So the waiting verbs look at the pods and
// give up at once on problems that never heal (ErrImageNeverPull,
// InvalidImageName), and after the pending timeout on the others (image
// pull back-off, unschedulable, a missing Secret). A stuck executor ends
// the wait only while no executor runs: Spark carries on with the ones it
// has. Pure decisions on pod objects and times; the caller fetches.
#pragma once

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/pod_diagnosis.hpp"

namespace sparkctl::k8s {

class PendingPods {
 public:
  using Clock = std::chrono::steady_clock;

  explicit PendingPods(std::chrono::seconds timeout) : timeout_(timeout) {}

  struct Verdict {
    std::optional<PodProblem> give_up;     // end the wait: this pod will not start
    std::vector<PodProblem> new_problems;  // pending problems seen for the first time
    // Executors past the timeout while others run: the job goes on
    // without them (each reported once).
    std::vector<PodProblem> left_behind;
  };

  // Looks at the application's pods as listed at `now`.
  Verdict observe(const std::vector<nlohmann::json>& pods, Clock::time_point now);

  // Problems of pods that ended (OOM kills, evictions, exit codes), the
  // last seen of each pod, also of pods that are gone since.
  std::vector<PodProblem> ended() const;

  std::chrono::seconds timeout() const { return timeout_; }

 private:
  struct Pending {
    PodProblemKind kind;
    Clock::time_point since;
    bool outlived = false;  // its timeout passed while other executors ran
  };

  std::chrono::seconds timeout_;
  std::map<std::string, Pending> pending_;  // pod name ->
  std::map<std::string, PodProblem> ended_;
};

}  // namespace sparkctl::k8s
