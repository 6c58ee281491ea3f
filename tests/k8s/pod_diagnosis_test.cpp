// Reading failure causes out of pod objects as the kubelet and scheduler
// write them (k8s/pod_diagnosis.hpp), and the pending-timeout decisions
// taken on them (k8s/pending_pods.hpp). Parser and decision tests on JSON:
// no failure is simulated here. The real failures come from real
// applications on the real node (its own tests).
#include "sparkctl/k8s/pod_diagnosis.hpp"

#include <gtest/gtest.h>

#include "sparkctl/k8s/pending_pods.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json pod(const std::string& name, const std::string& role, const json& status,
         const std::string& memory_limit = "896Mi") {
  const std::string container = "spark-kubernetes-" + role;
  return {{"metadata", {{"name", name}, {"labels", {{"spark-role", role}}}}},
          {"spec",
           {{"containers",
             json::array({{{"name", container},
                           {"resources",
                            {{"limits", {{"memory", memory_limit}}},
                             {"requests", {{"cpu", "300m"}, {"memory", memory_limit}}}}}}})}}},
          {"status", status}};
}

json container(const std::string& role, const json& state,
               const json& last_state = json::object()) {
  return {{"name", "spark-kubernetes-" + role},
          {"state", state},
          {"lastState", last_state},
          {"ready", false},
          {"restartCount", 0}};
}

json terminated(int code, const std::string& reason) {
  return {{"terminated",
           {{"exitCode", code},
            {"reason", reason},
            {"startedAt", "2026-12-01T10:00:00Z"},
            {"finishedAt", "2026-12-01T10:00:31Z"}}}};
}

json waiting(const std::string& reason, const std::string& message) {
  return {{"waiting", {{"reason", reason}, {"message", message}}}};
}

json phase_with(const std::string& phase, const json& containers) {
  return {{"phase", phase}, {"containerStatuses", containers}};
}

json unschedulable_status() {
  return {{"phase", "Pending"},
          {"conditions",
           json::array({{{"type", "PodScheduled"},
                         {"status", "False"},
                         {"reason", "Unschedulable"},
                         {"lastTransitionTime", "2026-12-01T10:00:00Z"},
                         {"message",
                          "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes "
                          "are available: 1 No preemption victims found for incoming pod.."}}})}};
}

json running_status(const std::string& role) {
  return phase_with(
      "Running",
      json::array({container(role, {{"running", {{"startedAt", "2026-12-01T10:00:00Z"}}}})}));
}

TEST(PodDiagnosisParsing, OomKilledNamesTheContainerAndItsLimit) {
  const auto p = pod_problem(
      pod("pi-driver", "driver",
          phase_with("Failed", json::array({container("driver", terminated(137, "OOMKilled"))}))));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PodProblemKind::oom_killed);
  EXPECT_EQ(p->role, "driver");
  EXPECT_EQ(p->exit_code, 137);
  EXPECT_EQ(describe(*p),
            "the driver pod pi-driver was OOMKilled: container spark-kubernetes-driver used more "
            "than its memory limit 896Mi (raise kubernetes.driver.memory_overhead or "
            "memory_limit)");
  // A container restarted after an OOM kill shows it in lastState.
  const auto restarted = pod_problem(
      pod("pi-exec-1", "executor",
          phase_with("Running", json::array({container("executor", {{"running", json::object()}},
                                                       terminated(137, "OOMKilled"))}))));
  ASSERT_TRUE(restarted);
  EXPECT_EQ(restarted->kind, PodProblemKind::oom_killed);
}

TEST(PodDiagnosisParsing, EvictionKeepsTheKubeletsMessage) {
  const auto p = pod_problem(
      pod("pi-exec-2", "executor",
          {{"phase", "Failed"},
           {"reason", "Evicted"},
           {"message",
            "The node was low on resource: memory. Threshold quantity: 100Mi, available: "
            "91316Ki."}}));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PodProblemKind::evicted);
  EXPECT_EQ(describe(*p),
            "the executor pod pi-exec-2 was evicted: The node was low on resource: memory. "
            "Threshold quantity: 100Mi, available: 91316Ki.");
}

TEST(PodDiagnosisParsing, ImageErrorsAndWhichOfThemMayHeal) {
  struct Case {
    std::string reason;
    bool may_heal;
  };
  for (const auto& c : {Case{"ErrImagePull", true}, Case{"ImagePullBackOff", true},
                        Case{"ErrImageNeverPull", false}, Case{"InvalidImageName", false}}) {
    const auto p = pod_problem(
        pod("pi-driver", "driver",
            phase_with("Pending", json::array({container(
                                      "driver", waiting(c.reason, "image \"x:1\"\nline two"))}))));
    ASSERT_TRUE(p) << c.reason;
    EXPECT_EQ(p->kind, PodProblemKind::image) << c.reason;
    EXPECT_TRUE(p->pending());
    EXPECT_EQ(p->may_heal, c.may_heal) << c.reason;
    EXPECT_EQ(describe(*p), "the driver pod pi-driver cannot get its image: " + c.reason +
                                ": image \"x:1\" line two");  // one line
  }
  // Waiting for other reasons is normal start-up.
  EXPECT_FALSE(pod_problem(
      pod("pi-driver", "driver",
          phase_with("Pending",
                     json::array({container("driver", waiting("ContainerCreating", ""))})))));
}

TEST(PodDiagnosisParsing, UnschedulableAndMissingConfig) {
  const auto p = pod_problem(pod("pi-exec-1", "executor", unschedulable_status()));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PodProblemKind::unschedulable);
  EXPECT_TRUE(p->may_heal);
  EXPECT_EQ(describe(*p),
            "the executor pod pi-exec-1 cannot be scheduled: 0/1 nodes are available: 1 "
            "Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims "
            "found for incoming pod..");
  const auto config = pod_problem(pod(
      "pi-driver", "driver",
      phase_with("Pending",
                 json::array({container("driver", waiting("CreateContainerConfigError",
                                                          "secret \"pi-connect\" not found"))}))));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->kind, PodProblemKind::config);
  EXPECT_EQ(describe(*config),
            "the driver pod pi-driver cannot start its container: CreateContainerConfigError: "
            "secret \"pi-connect\" not found");
}

TEST(PodDiagnosisParsing, ExitCodesAndHealthyPods) {
  const auto p = pod_problem(
      pod("pi-driver", "driver",
          phase_with("Failed", json::array({container("driver", terminated(3, "Error"))}))));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, PodProblemKind::failed);
  EXPECT_EQ(p->exit_code, 3);
  EXPECT_FALSE(p->pending());
  EXPECT_FALSE(pod_problem(pod("pi-driver", "driver", running_status("driver"))));
  EXPECT_FALSE(pod_problem(pod(
      "pi-driver", "driver",
      phase_with("Succeeded", json::array({container("driver", terminated(0, "Completed"))})))));
  EXPECT_FALSE(pod_problem(json::object()));  // nothing to read is no problem
}

SparkApplication failed_app(const std::string& error_message) {
  SparkApplication app;
  app.metadata.name = "pi";
  app.status.state = ApplicationState::failed;
  app.status.error_message = error_message;
  return app;
}

PodProblem problem_of(const json& pod_object) { return *pod_problem(pod_object); }

TEST(FailureCause, AnExecutorsOomKillExplainsTheDriversExitCode) {
  const std::vector<PodProblem> problems = {
      problem_of(
          pod("pi-driver", "driver",
              phase_with("Failed", json::array({container("driver", terminated(1, "Error"))})))),
      problem_of(pod("pi-exec-1", "executor",
                     phase_with("Failed", json::array({container(
                                              "executor", terminated(137, "OOMKilled"))}))))};
  EXPECT_EQ(failure_cause(failed_app("driver container failed with ExitCode: 1, Reason: Error"),
                          problems, true),
            "the executor pod pi-exec-1 was OOMKilled: container spark-kubernetes-executor used "
            "more than its memory limit 896Mi (raise kubernetes.executor.memory_overhead or "
            "memory_limit)");
}

TEST(FailureCause, TheDriversExitCodeWithWhatItMeans) {
  const auto driver_failed = [](int code) {
    return std::vector<PodProblem>{problem_of(
        pod("pi-driver", "driver",
            phase_with("Failed", json::array({container("driver", terminated(code, "Error"))}))))};
  };
  EXPECT_EQ(failure_cause(failed_app(""), driver_failed(1), true),
            "the driver exited with code 1 (the job failed)");
  EXPECT_EQ(failure_cause(failed_app(""), driver_failed(2), true),
            "the driver exited with code 2 (bad job arguments)");
  EXPECT_EQ(failure_cause(failed_app(""), driver_failed(1), false),
            "the driver exited with code 1");
  EXPECT_EQ(failure_cause(failed_app(""), driver_failed(143), false),
            "the driver exited with code 143 (stopped by SIGTERM)");
  // The pod is gone: the operator's message still has the code.
  EXPECT_EQ(failure_cause(failed_app("driver container failed with ExitCode: 3, Reason: Error"), {},
                          true),
            "the driver exited with code 3 (the Spark Connect server died or did not start)");
}

// The operator's message has spark-submit's whole output (as v2.5.2 wrote
// it for a driver pod the API server refused); the cause is its exception.
TEST(FailureCause, SparkSubmitsExceptionOutOfItsOutput) {
  auto app = failed_app(
      "failed to submit spark application: failed to run spark-submit: failed to run "
      "spark-submit: WARNING: Using incubator modules: jdk.incubator.vector\n"
      "26/12/01 22:38:16 ERROR Client: Please check \"kubectl auth can-i create pod\" first.\n"
      "Exception in thread \"main\" io.fabric8.kubernetes.client.KubernetesClientException: "
      "Failure executing: POST at: https://127.0.0.1:29755/api/v1/namespaces/ns/pods. Message: "
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular "
      "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'. Received status: "
      "Status(apiVersion=v1, code=400)\n"
      "\tat io.fabric8.kubernetes.client.KubernetesClientException.copyAsCause(x.java:205)\n");
  app.status.state = ApplicationState::submission_failed;
  EXPECT_EQ(failure_cause(app, {}, true),
            "spark-submit failed: Pod in version \"v1\" cannot be handled as a Pod: quantities "
            "must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  app.status.error_message =
      "failed to run spark-submit: x\nException in thread \"main\" "
      "org.apache.spark.SparkException: Must specify the driver container image\n\tat y\n";
  EXPECT_EQ(failure_cause(app, {}, true),
            "spark-submit failed: SparkException: Must specify the driver container image");
  app.status.error_message =
      "failed to run spark-submit: x\nError: Missing application resource.\n";
  EXPECT_EQ(failure_cause(app, {}, true), "spark-submit failed: Missing application resource.");
}

TEST(FailureCause, TheOperatorsMessageOtherwise) {
  auto app = failed_app("failed to run spark-submit: exit status 1\nno exception");
  app.status.state = ApplicationState::submission_failed;
  EXPECT_EQ(failure_cause(app, {}, true), "failed to run spark-submit: exit status 1 no exception");
  EXPECT_EQ(failure_cause(failed_app(""), {}, true), "no cause recorded (state FAILED)");
}

const PendingPods::Clock::time_point t0{};

json stuck_driver(const std::string& reason) {
  return pod("pi-driver", "driver",
             phase_with("Pending", json::array({container("driver", waiting(reason, "x"))})));
}

TEST(PendingPodsDecisions, ErrorsThatCannotHealEndTheWaitAtOnce) {
  PendingPods pending(300s);
  const auto verdict = pending.observe({stuck_driver("ErrImageNeverPull")}, t0);
  ASSERT_TRUE(verdict.give_up);
  EXPECT_EQ(verdict.give_up->detail, "ErrImageNeverPull: x");
  EXPECT_EQ(verdict.new_problems.size(), 1u);
}

TEST(PendingPodsDecisions, OthersAfterThePendingTimeoutUnlessTheyClear) {
  PendingPods pending(300s);
  auto first = pending.observe({stuck_driver("ImagePullBackOff")}, t0);
  EXPECT_FALSE(first.give_up);
  EXPECT_EQ(first.new_problems.size(), 1u);
  auto later = pending.observe({stuck_driver("ErrImagePull")}, t0 + 100s);  // a new reason
  EXPECT_FALSE(later.give_up);
  EXPECT_EQ(later.new_problems.size(), 0u) << "same kind of problem: reported once";
  EXPECT_FALSE(pending.observe({stuck_driver("ImagePullBackOff")}, t0 + 299s).give_up);
  EXPECT_TRUE(pending.observe({stuck_driver("ImagePullBackOff")}, t0 + 300s).give_up);

  // Cleared in between: the clock starts again.
  PendingPods cleared(300s);
  cleared.observe({stuck_driver("ImagePullBackOff")}, t0);
  cleared.observe({pod("pi-driver", "driver", running_status("driver"))}, t0 + 200s);
  EXPECT_FALSE(cleared.observe({stuck_driver("ImagePullBackOff")}, t0 + 400s).give_up);
  EXPECT_TRUE(cleared.observe({stuck_driver("ImagePullBackOff")}, t0 + 700s).give_up);
}

TEST(PendingPodsDecisions, AStuckExecutorEndsTheWaitOnlyWhileNoExecutorRuns) {
  const json stuck = pod("pi-exec-2", "executor", unschedulable_status());
  const json runs = pod("pi-exec-1", "executor", running_status("executor"));
  const json driver = pod("pi-driver", "driver", running_status("driver"));
  PendingPods pending(60s);
  pending.observe({driver, runs, stuck}, t0);
  auto verdict = pending.observe({driver, runs, stuck}, t0 + 61s);
  EXPECT_FALSE(verdict.give_up);
  ASSERT_EQ(verdict.left_behind.size(), 1u);
  EXPECT_EQ(verdict.left_behind[0].pod, "pi-exec-2");
  EXPECT_TRUE(pending.observe({driver, runs, stuck}, t0 + 62s).left_behind.empty()) << "once";

  PendingPods alone(60s);
  alone.observe({driver, stuck}, t0);
  const auto gives_up = alone.observe({driver, stuck}, t0 + 60s);
  ASSERT_TRUE(gives_up.give_up);
  EXPECT_EQ(gives_up.give_up->pod, "pi-exec-2");
}

TEST(PendingPodsDecisions, EndedPodsAreRememberedAfterTheyAreGone) {
  PendingPods pending(60s);
  pending.observe(
      {pod("pi-exec-1", "executor",
           phase_with("Failed",
                      json::array({container("executor", terminated(137, "OOMKilled"))})))},
      t0);
  pending.observe({}, t0 + 5s);  // Spark deleted the executor pod
  const auto ended = pending.ended();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].kind, PodProblemKind::oom_killed);
}

}  // namespace
}  // namespace sparkctl::k8s
