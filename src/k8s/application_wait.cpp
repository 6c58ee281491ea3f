#include "sparkctl/k8s/application_wait.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/k8s/applications.hpp"
#include "sparkctl/k8s/pending_pods.hpp"
#include "sparkctl/k8s/pod_diagnosis.hpp"
#include "sparkctl/k8s/pods.hpp"
#include "sparkctl/k8s/session_objects.hpp"

namespace sparkctl::k8s {

namespace {

using Clock = std::chrono::steady_clock;

// How often the pods are looked at while the application has not finished.
constexpr auto pod_check_period = std::chrono::seconds(5);
constexpr int log_lines_shown = 20;

// The problems of `pods` that ended (OOM kills, evictions, exit codes).
std::vector<PodProblem> ended_problems(const std::vector<nlohmann::json>& pods) {
  std::vector<PodProblem> problems;
  for (const auto& pod : pods)
    if (auto problem = pod_problem(pod); problem && !problem->pending())
      problems.push_back(*problem);
  return problems;
}

std::string verdict_of(const SparkApplication& app, const std::vector<PodProblem>& problems) {
  return app.status.state_name() + ": " + failure_cause(app, problems, !app.job().empty());
}

// The driver pod as the application's status names it, else as listed.
std::string driver_pod(const SparkApplication& app, const std::vector<nlohmann::json>& pods) {
  if (!app.status.driver_pod.empty()) return app.status.driver_pod;
  for (const auto& pod : pods)
    if (pod_role(pod) == "driver") return ObjectMeta::from_json(pod).name;
  return "";
}

void delete_failed(Cluster& cluster, const std::string& name) {
  try {
    Applications(cluster).remove(name);
  } catch (const Error& error) {
    spdlog::warn("--delete-on-failure: cannot delete SparkApplication {}: {}", name, error.what());
    return;
  }
  SessionObjects(cluster).remove(name);
  spdlog::info("deleted SparkApplication {} (--delete-on-failure)", name);
}

// A finished application: returned when it completed, else the failure
// with its cause, from the pods now and those seen ended while waiting.
SparkApplication finish(Cluster& cluster, const SparkApplication& app, const PendingPods& pending,
                        const WaitOptions& options, WaitObserver& observer) {
  if (!app.status.failed()) return app;
  auto problems = ended_problems(Pods(cluster).of_application(app.name()));
  for (auto& problem : pending.ended()) problems.push_back(std::move(problem));
  throw application_failed(cluster, app, verdict_of(app, problems), options.delete_on_failure,
                           observer);
}

// Looks at the pods: reports new problems, returns one to give up on.
std::optional<PodProblem> check_pods(Cluster& cluster, const std::string& name,
                                     PendingPods& pending, WaitObserver& observer) {
  const auto verdict = pending.observe(Pods(cluster).of_application(name), Clock::now());
  const std::string timeout = format_duration(pending.timeout());
  for (const auto& problem : verdict.new_problems) {
    observer.problem(
        describe(problem) +
        (problem.may_heal ? " (giving up after " + timeout + " unless it clears)" : ""));
  }
  for (const auto& problem : verdict.left_behind) {
    observer.problem(describe(problem) + " for " + timeout +
                     "; the job goes on with the executors it has");
  }
  return verdict.give_up;
}

std::string cannot_run(const PodProblem& problem, std::chrono::seconds pending_timeout) {
  return "cannot run: " + describe(problem) +
         (problem.may_heal ? " (for " + format_duration(pending_timeout) + ", --pending-timeout)"
                           : "");
}

}  // namespace

SparkApplication wait_for_application(Cluster& cluster, const std::string& name,
                                      const WaitOptions& options, WaitObserver& observer) {
  Applications applications(cluster);
  const auto deadline = Clock::now() + options.timeout;
  PendingPods pending(options.pending_timeout);
  SparkApplication last = applications.get(name);
  if (last.status.finished()) return finish(cluster, last, pending, options, observer);

  const auto started = Clock::now();
  observer.changed(last);
  bool deleted = false, ended = false;
  std::optional<PodProblem> stuck;
  while (!(stuck = check_pods(cluster, name, pending, observer)) && Clock::now() < deadline) {
    const auto window = std::min(deadline, Clock::now() + pod_check_period);
    bool seen = false;
    const auto end = applications.watch(
        name,
        [&](const SparkApplication& app) {
          last = app;
          observer.changed(last);
          return !last.status.finished();
        },
        window, seen);
    if (end == Applications::WatchEnd::deleted) {
      deleted = true;
      break;
    }
    if (end == Applications::WatchEnd::stopped) {
      ended = true;
      break;
    }
    // Each window lists first, so one that saw nothing has missed a delete
    // between windows (or its list did not get through): ask once.
    if (!seen && !applications.find(name)) {
      deleted = true;
      break;
    }
  }
  observer.finished();
  if (deleted) {
    throw Error::job("SparkApplication \"" + name +
                     "\" was deleted before it finished (last state " + last.status.state_name() +
                     ")");
  }
  if (stuck && !ended) {
    throw application_failed(cluster, last, cannot_run(*stuck, options.pending_timeout),
                             options.delete_on_failure, observer);
  }
  if (!ended) {
    throw Error::cluster("timed out after " + format_duration(options.timeout) +
                         " waiting for SparkApplication \"" + name + "\" (state " +
                         last.status.state_name() +
                         "); raise --timeout or kubernetes.wait_timeout");
  }
  spdlog::info(
      "{}: {} after {}", name, last.status.state_name(),
      format_duration(std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started)));
  return finish(cluster, last, pending, options, observer);
}

Error application_failed(Cluster& cluster, const SparkApplication& app, const std::string& verdict,
                         bool delete_application, WaitObserver& observer) {
  Pods pods(cluster);
  const std::string pod = driver_pod(app, pods.of_application(app.name()));
  if (!pod.empty()) {
    if (auto tail = pods.log_tail(pod, driver_container, log_lines_shown))
      observer.driver_log(pod, *tail);
  }
  if (delete_application) delete_failed(cluster, app.name());
  return Error::job("SparkApplication \"" + app.name() + "\" " + verdict);
}

std::string failure_verdict(Cluster& cluster, const SparkApplication& app) {
  if (!app.status.failed()) return "";
  return verdict_of(app, ended_problems(Pods(cluster).of_application(app.name())));
}

std::vector<std::string> pending_problems(Cluster& cluster, const SparkApplication& app) {
  std::vector<std::string> lines;
  for (const auto& pod : Pods(cluster).of_application(app.name()))
    if (auto problem = pod_problem(pod); problem && problem->pending())
      lines.push_back(describe(*problem));
  return lines;
}

}  // namespace sparkctl::k8s
