#include "sparkctl/k8s/pending_pods.hpp"

#include <set>

namespace sparkctl::k8s {
namespace {

bool running(const nlohmann::json& pod) {
  const auto status = pod.find("status");
  return status != pod.end() && status->is_object() && status->value("phase", "") == "Running";
}

}  // namespace

PendingPods::Verdict PendingPods::observe(const std::vector<nlohmann::json>& pods,
                                          Clock::time_point now) {
  Verdict verdict;
  bool executor_runs = false;
  for (const auto& pod : pods)
    if (pod_role(pod) == "executor" && running(pod)) executor_runs = true;

  std::set<std::string> still_pending;
  for (const auto& pod : pods) {
    const auto problem = pod_problem(pod);
    if (!problem) continue;
    if (!problem->pending()) {
      ended_[problem->pod] = *problem;
      continue;
    }
    still_pending.insert(problem->pod);
    auto [it, first_time] = pending_.try_emplace(problem->pod, Pending{problem->kind, now});
    if (!first_time && it->second.kind != problem->kind) {
      it->second = Pending{problem->kind, now};  // a new problem: its own clock
      first_time = true;
    }
    if (first_time) verdict.new_problems.push_back(*problem);
    const bool timed_out = !problem->may_heal || now - it->second.since >= timeout_;
    if (!timed_out || verdict.give_up) continue;
    if (problem->role == "executor" && executor_runs) {
      if (!it->second.outlived) verdict.left_behind.push_back(*problem);
      it->second.outlived = true;
      continue;
    }
    verdict.give_up = *problem;
  }
  for (auto it = pending_.begin(); it != pending_.end();)
    it = still_pending.count(it->first) ? std::next(it) : pending_.erase(it);
  return verdict;
}

std::vector<PodProblem> PendingPods::ended() const {
  std::vector<PodProblem> problems;
  for (const auto& [pod, problem] : ended_) problems.push_back(problem);
  return problems;
}

}  // namespace sparkctl::k8s
