// `sparkctl wait` and `submit --wait`, with the test playing the
// spark-operator: it PATCHes the status subresource through the states a
// real operator goes through, each after sparkctl has reported the last.
#include "verbs_support.hpp"

namespace verbs_test {
namespace {

class WaitTest : public ClusterTest {
 protected:
  void SetUp() override {
    ClusterTest::SetUp();
    if (!IsSkipped()) operator_.emplace(admin());
  }
  // Moves APP to `status` once `wait` has printed `seen` (so no state is skipped).
  void step(Process& waiting, const std::string& seen, const std::string& app,
            const nlohmann::json& status) {
    ASSERT_TRUE(waiting.wait_for_output(seen)) << "never printed " << seen << ":\n"
                                               << waiting.err();
    set_status(*operator_, app, status);
  }
  nlohmann::json submitted() {
    return {{"applicationState", state("SUBMITTED")},
            {"submissionAttempts", 1},
            {"lastSubmissionAttemptTime", "2024-05-01T10:00:00Z"},
            {"submissionID", "abc"},
            {"driverInfo", {{"podName", "x-driver"}}}};
  }
  nlohmann::json running(const std::string& app) {
    return {{"applicationState", state("RUNNING")},
            {"executionAttempts", 1},
            {"driverInfo",
             {{"podName", app + "-driver"},
              {"webUIServiceName", app + "-ui-svc"},
              {"webUIAddress", "10.96.0.7:4040"},
              {"webUIPort", 4040}}},
            {"executorState", {{app + "-exec-1", "RUNNING"}, {app + "-exec-2", "PENDING"}}}};
  }

  std::optional<sparkctl::k8s::Client> operator_;
};

TEST_F(WaitTest, SimulatedOperatorSubmittedRunningCompletedExits0) {
  const std::string app = name("wait-ok");
  submit(app);
  Process waiting(cmd({"wait", app, "--timeout", "2m"}));
  step(waiting, app + ": NEW", app, submitted());
  step(waiting, app + ": SUBMITTED", app, running(app));
  step(waiting, app + ": RUNNING, driver " + app + "-driver, 2 executors (1 PENDING, 1 RUNNING)",
       app,
       {{"applicationState", state("COMPLETED")},
        {"terminationTime", "2024-05-01T10:05:00Z"},
        {"executorState", {{app + "-exec-1", "COMPLETED"}, {app + "-exec-2", "COMPLETED"}}}});
  Result r = waiting.finish();
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "sparkapplications.sparkoperator.k8s.io/" + app + " COMPLETED\n");
  EXPECT_NE(r.err.find(app + ": COMPLETED"), std::string::npos) << r.err;
}

TEST_F(WaitTest, SimulatedOperatorFailedExits1WithErrorMessage) {
  const std::string app = name("wait-fail");
  submit(app);
  Process waiting(cmd({"wait", app, "--timeout", "2m"}));
  step(waiting, app + ": NEW", app, running(app));
  step(waiting, app + ": RUNNING", app,
       {{"applicationState",
         state("FAILED", "driver container failed with ExitCode: 1, Reason: Error")}});
  Result r = waiting.finish();
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("SparkApplication \"" + app +
                       "\" FAILED: the driver exited with code 1 (the job failed)"),
            std::string::npos)
      << r.err;
}

TEST_F(WaitTest, SimulatedOperatorSubmitWaitSubmissionFailedExits1) {
  const std::string app = name("submit-wait");
  Process submitting(cmd({"submit", "--job", "pi", "--name", app, "--wait", "--timeout", "2m"}));
  step(submitting, app + ": NEW", app,
       {{"applicationState", state("SUBMISSION_FAILED", "failed to run spark-submit: image pull")},
        {"submissionAttempts", 1}});
  Result r = submitting.finish();
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out, "sparkapplications.sparkoperator.k8s.io/" + app + " created\n");
  EXPECT_NE(r.err.find("SUBMISSION_FAILED: failed to run spark-submit: image pull"),
            std::string::npos)
      << r.err;
}

TEST_F(WaitTest, SimulatedOperatorSubmitWaitCompletedExits0) {
  const std::string app = name("submit-ok");
  Process submitting(cmd({"submit", "--job", "pi", "--name", app, "--wait", "-o", "name"}));
  step(submitting, app + ": NEW", app, running(app));
  step(submitting, app + ": RUNNING", app, {{"applicationState", state("COMPLETED")}});
  Result r = submitting.finish();
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, app + "\n");
}

// The waiting verbs read the pods too, since the operator reports nothing
// while a pod waits for its image or a node. No kubelet runs here: the
// test writes the driver pod and the status a kubelet would write
// (pod_diagnosis_test.cpp reads every kind of status; the real node's
// tests make real ones).
class SimulatedKubeletPodStatus : public WaitTest {
 protected:
  void TearDown() override {
    if (!pod_.empty()) operator_->request("DELETE", pod_path(pod_), "", "");
    WaitTest::TearDown();
  }
  static std::string pod_path(const std::string& pod) {
    return "/api/v1/namespaces/spark/pods/" + pod;
  }
  // The operator's driver pod of APP, waiting for its image with `reason`.
  void driver_waiting_for_image(const std::string& app, const std::string& reason) {
    pod_ = app + "-driver";
    const nlohmann::json pod = {
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata",
         {{"name", pod_},
          {"labels", {{"sparkoperator.k8s.io/app-name", app}, {"spark-role", "driver"}}}}},
        {"spec",
         {{"containers", nlohmann::json::array({{{"name", "spark-kubernetes-driver"},
                                                 {"image", "example.invalid/sparkctl:test"}}})}}}};
    operator_->create("/api/v1/namespaces/spark/pods", pod);
    const nlohmann::json waiting = {
        {"reason", reason},
        {"message",
         "Container image \"example.invalid/sparkctl:test\" is not present with pull "
         "policy of Never"}};
    const nlohmann::json status = {
        {"phase", "Pending"},
        {"containerStatuses", nlohmann::json::array({{{"name", "spark-kubernetes-driver"},
                                                      {"image", "example.invalid/sparkctl:test"},
                                                      {"imageID", ""},
                                                      {"ready", false},
                                                      {"restartCount", 0},
                                                      {"state", {{"waiting", waiting}}}}})}};
    operator_->patch(pod_path(pod_) + "/status", {{"status", status}},
                     "application/merge-patch+json");
    set_status(*operator_, app, submitted());
  }
  std::string pod_;
};

TEST_F(SimulatedKubeletPodStatus, ImageNeverPullEndsTheWaitAtOnceAndDeletesOnFailure) {
  const std::string app = name("never-pull");
  submit(app);
  driver_waiting_for_image(app, "ErrImageNeverPull");
  const auto started = std::chrono::steady_clock::now();
  Result r = sparkctl({"wait", app, "--timeout", "2m", "--delete-on-failure"});
  EXPECT_LT(std::chrono::steady_clock::now() - started, 30s);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("sparkctl: error: SparkApplication \"" + app +
                       "\" cannot run: the driver pod " + app +
                       "-driver cannot get its image: ErrImageNeverPull: Container image "
                       "\"example.invalid/sparkctl:test\" is not present with pull policy of "
                       "Never\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(operator_->request("GET", app_path(app), "", "").status, 404) << "deleted on failure";
}

TEST_F(SimulatedKubeletPodStatus, PullBackOffEndsTheWaitAfterThePendingTimeout) {
  const std::string app = name("back-off");
  submit(app);
  driver_waiting_for_image(app, "ImagePullBackOff");
  const auto started = std::chrono::steady_clock::now();
  Result r = sparkctl({"wait", app, "--timeout", "2m", "--pending-timeout", "3s"});
  EXPECT_GE(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot get its image: ImagePullBackOff: Container image "
                       "\"example.invalid/sparkctl:test\" is not present with pull policy of "
                       "Never (giving up after 3s unless it clears)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\" cannot run: the driver pod " + app +
                       "-driver cannot get its image: ImagePullBackOff"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(for 3s, --pending-timeout)\n"), std::string::npos) << r.err;
  EXPECT_EQ(operator_->request("GET", app_path(app), "", "").status, 200) << "kept for inspection";
  // `status` shows the same problem as a warning while the application waits.
  Result status = sparkctl({"status", app});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_NE(status.err.find("cannot get its image: ImagePullBackOff"), std::string::npos)
      << status.err;
}

TEST_F(WaitTest, FailureFlagsNeedWaitOnSubmit) {
  Result r = sparkctl({"submit", "--job", "pi", "--delete-on-failure"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sparkctl: error: --pending-timeout and --delete-on-failure need --wait\n");
  Result bad = sparkctl({"wait", "x", "--pending-timeout", "soon"});
  EXPECT_EQ(bad.code, 2) << bad.err;
}

TEST_F(WaitTest, AlreadyFinishedReturnsAtOnce) {
  const std::string app = name("done");
  submit(app);
  set_status(*operator_, app, {{"applicationState", state("COMPLETED")}});
  Result r = sparkctl({"wait", app, "--timeout", "5s"});
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(WaitTest, TimeoutExits3) {
  const std::string app = name("slow");
  submit(app);
  Result r = sparkctl({"wait", app, "--timeout", "2s"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(
      r.err.find("timed out after 2s waiting for SparkApplication \"" + app + "\" (state NEW)"),
      std::string::npos)
      << r.err;
}

TEST_F(WaitTest, DeletedWhileWaitingExits1) {
  const std::string app = name("gone");
  submit(app);
  Process waiting(cmd({"wait", app, "--timeout", "2m"}));
  ASSERT_TRUE(waiting.wait_for_output(app + ": NEW")) << waiting.err();
  Result deleted = sparkctl({"delete", app});
  ASSERT_EQ(deleted.code, 0) << deleted.err;
  Result r = waiting.finish();
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("was deleted before it finished"), std::string::npos) << r.err;
}

TEST_F(WaitTest, UnknownApplicationExits3) {
  Result r = sparkctl({"wait", "no-such-app", "--timeout", "5s"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("SparkApplication \"no-such-app\" not found in namespace \"spark\""),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace verbs_test
