// Failure diagnosis of `submit --wait` and `status` on causes that real
// applications produce here, with the real spark-operator: spark-submit
// refused by the API server, and a driver whose Spark cannot start. (OOM
// kills, evictions, image errors and unschedulable pods need a kubelet
// and a scheduler: the real node's tests, and pod_diagnosis_test.cpp for
// reading them.)
#include <algorithm>

#include "simulated_kubelet.hpp"

namespace e2e_test {
namespace {

// The operator's spark-submit makes a driver pod whose CPU limit is not a
// quantity; the API server refuses it, spark-submit fails, the operator
// says SUBMISSION_FAILED with spark-submit's output.
TEST_F(SimulatedKubelet, SubmissionFailureIsExitOneWithItsMessageAndDeletedOnFailure) {
  const std::string app = name("pi-refused");
  const CommandResult submit = sparkctl({"submit", "--job", "pi", "--name", app, "--wait",
                                         "--timeout", "180s", "--delete-on-failure", "--set",
                                         "spark.conf=spark.kubernetes.driver.limit.cores=lots"});
  EXPECT_EQ(submit.exit_code, 1) << submit.err;
  EXPECT_NE(submit.err.find("sparkctl: error: SparkApplication \"" + app +
                            "\" SUBMISSION_FAILED: spark-submit failed: Pod in version \"v1\" "
                            "cannot be handled as a Pod: quantities must match the regular "
                            "expression"),
            std::string::npos)
      << submit.err;
  const auto error_at = submit.err.find("sparkctl: error: ");
  ASSERT_NE(error_at, std::string::npos) << submit.err;
  const std::string error_line = submit.err.substr(error_at);
  EXPECT_EQ(std::count(error_line.begin(), error_line.end(), '\n'), 1) << error_line;
  EXPECT_NE(submit.err.find("deleted SparkApplication " + app + " (--delete-on-failure)"),
            std::string::npos)
      << submit.err;
  EXPECT_EQ(client_->request("GET", app_path(app), "", "").status, 404);
}

// The driver container really runs (local_container.hpp) with a heap Spark
// cannot start with: sparkctl's entrypoint exits 3, the "kubelet" reports
// that code, and the verbs say what it means.
TEST_F(SimulatedKubelet, DriverWhoseSparkCannotStartIsExitOneWithWhatItsCodeMeans) {
  const std::string app = name("pi-no-heap");
  std::string driver_err;
  auto submit =
      run_driver_to_end(app,
                        [&](const json& pod) {
                          sparkctl::e2e::LocalContainer container(*client_, pod, kDriverContainer,
                                                                  sparkctl_image(dir_ / "driver"));
                          container.start();
                          const auto exit_code = container.wait(std::chrono::seconds(120));
                          driver_err = container.err();
                          EXPECT_TRUE(exit_code) << "the driver still runs after 120 s";
                          return exit_code.value_or(137);
                        },
                        {"--set", "kubernetes.driver.memory=1k"});
  ASSERT_TRUE(submit);
  EXPECT_NE(driver_err.find("Too small maximum heap"), std::string::npos) << driver_err;
  EXPECT_EQ(submit->exit_code, 1) << submit->err;
  const std::string cause =
      "FAILED: the driver exited with code 3 (the Spark Connect server died or did not start)";
  EXPECT_NE(submit->err.find("SparkApplication \"" + app + "\" " + cause), std::string::npos)
      << submit->err;
  EXPECT_EQ(client_->request("GET", app_path(app), "", "").status, 200) << "kept for inspection";

  const CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_NE(status.err.find(cause), std::string::npos) << status.err;
}

}  // namespace
}  // namespace e2e_test
