// Failures of real applications on the real node, never a patched status:
// the job fails in its driver pod, the driver is killed for memory, the
// image is not there. `submit --wait` must end with exit 1 and say why.
#include <algorithm>

#include "node_cluster.hpp"

namespace node_test {
namespace {

// cloud_etl cannot read its input: the job fails in the driver pod, whose
// container exits with 1; the operator marks the application FAILED and
// `submit --wait` exits 1 with the job's own error and what exit 1 means.
TEST_F(RealNode, FailingJobExitsOneWithItsCause) {
  const std::string app = name("fail");
  const CommandResult submit =
      sparkctl({"submit", "--job", "cloud_etl", "--name", app, "--wait", "--job-args",
                "input=/opt/sparkctl/data/missing.csv", "output=/tmp/out"});
  EXPECT_EQ(submit.exit_code, 1) << submit.out << submit.err;
  EXPECT_EQ(state_of(app), "FAILED");
  EXPECT_NE(submit.err.find("cloud_etl: cannot read /opt/sparkctl/data/missing.csv: no such file"),
            std::string::npos)
      << submit.err;
  EXPECT_NE(submit.err.find("FAILED: the driver exited with code 1 (the job failed)"),
            std::string::npos)
      << submit.err;

  const json drivers = pods(app, "driver");
  ASSERT_EQ(drivers.size(), 1u);
  EXPECT_EQ(terminated(drivers[0]).value("exitCode", -1), 1) << drivers[0]["status"].dump(2);
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("cloud_etl: cannot read /opt/sparkctl/data/missing.csv: no such file"),
            std::string::npos)
      << logs.out;
}

// The operator's spark-submit makes a driver pod whose CPU limit is not a
// quantity: the API server refuses it, the operator says SUBMISSION_FAILED
// with spark-submit's output, and `submit --wait --delete-on-failure`
// exits 1 with that message on one line and deletes the application.
TEST_F(RealNode, SubmissionFailureIsExitOneWithItsMessageAndDeletedOnFailure) {
  write_config({{"spark.kubernetes.driver.limit.cores", "lots"}});
  const std::string app = name("refused");
  const CommandResult submit =
      sparkctl({"submit", "--job", "pi", "--name", app, "--wait", "--delete-on-failure"});
  EXPECT_EQ(submit.exit_code, 1) << submit.err;
  const auto error_at = submit.err.find("sparkctl: error: ");
  ASSERT_NE(error_at, std::string::npos) << submit.err;
  const std::string error_line = submit.err.substr(error_at);
  EXPECT_EQ(std::count(error_line.begin(), error_line.end(), '\n'), 1) << error_line;
  EXPECT_NE(error_line.find("SparkApplication \"" + app +
                            "\" SUBMISSION_FAILED: spark-submit failed: Pod in version \"v1\" "
                            "cannot be handled as a Pod: quantities must match the regular "
                            "expression"),
            std::string::npos)
      << error_line;
  EXPECT_NE(submit.err.find("deleted SparkApplication " + app + " (--delete-on-failure)"),
            std::string::npos)
      << submit.err;
  EXPECT_EQ(status_of(app_path(app)), 404);
}

// A driver whose Spark cannot start (a heap too small for the JVM): the
// driver container exits 3, and `submit --wait` and `status` say what
// that code means; the application is kept for inspection.
TEST_F(RealNode, DriverWhoseSparkCannotStartIsExitOneWithWhatItsCodeMeans) {
  write_config({}, "", "  driver:\n    memory: 1k\n");
  const std::string app = name("noheap");
  const CommandResult submit = sparkctl({"submit", "--job", "pi", "--name", app, "--wait"});
  EXPECT_EQ(submit.exit_code, 1) << submit.err;
  const std::string cause =
      "FAILED: the driver exited with code 3 (the Spark Connect server died or did not start)";
  EXPECT_NE(submit.err.find("SparkApplication \"" + app + "\" " + cause), std::string::npos)
      << submit.err;
  EXPECT_NE(submit.err.find("Too small maximum heap"), std::string::npos) << submit.err;
  EXPECT_EQ(status_of(app_path(app)), 200) << "kept for inspection";
  const CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_NE(status.err.find(cause), std::string::npos) << status.err;
}

// A driver whose memory limit is too small for what its JVM really uses:
// heap 512m with an overhead of 64m (limit 576Mi), and the JVM touches its
// whole heap at start (-Xms512m -XX:+AlwaysPreTouch). The kernel kills it
// (OOMKilled) and `submit --wait` says so, with the limit.
TEST_F(RealNode, TooSmallMemoryLimitIsOOMKilledAndWaitSaysSo) {
  write_config({{"spark.driver.extraJavaOptions", "-Xms512m -XX:+AlwaysPreTouch"}}, "",
               "  driver:\n    memory: 512m\n    memory_overhead: 64m\n");
  const std::string app = name("oom");
  const CommandResult submit = sparkctl({"submit", "--job", "pi", "--name", app, "--wait"});
  EXPECT_EQ(submit.exit_code, 1) << submit.out << submit.err;
  EXPECT_NE(submit.err.find("OOMKilled"), std::string::npos) << submit.err;
  EXPECT_NE(submit.err.find("576Mi"), std::string::npos) << submit.err;

  const json drivers = pods(app, "driver");
  ASSERT_EQ(drivers.size(), 1u);
  const json last = drivers[0].value("/status/containerStatuses/0"_json_pointer, json());
  const std::string reason =
      last.value("/state/terminated/reason"_json_pointer,
                 last.value("/lastState/terminated/reason"_json_pointer, ""));
  EXPECT_EQ(reason, "OOMKilled") << drivers[0]["status"].dump(2);
  EXPECT_EQ(drivers[0].value("/spec/containers/0/resources/limits/memory"_json_pointer, ""),
            "576Mi");
}

// An image the node does not have (and no registry serves): the kubelet
// cannot pull it, the driver pod never starts, and `submit --wait` ends
// once the pod has waited --pending-timeout, naming the image and the
// kubelet's reason, instead of waiting forever.
TEST_F(RealNode, MissingImageEndsWithAClearMessage) {
  const std::string image = "localhost/sparkctl/not-built:missing";
  write_config({}, image);
  const std::string app = name("noimage");
  const auto started = std::chrono::steady_clock::now();
  const CommandResult submit =
      sparkctl({"submit", "--job", "pi", "--name", app, "--wait", "--pending-timeout", "30s"});
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(submit.exit_code, 1) << submit.out << submit.err;
  EXPECT_NE(submit.err.find(image), std::string::npos) << submit.err;
  EXPECT_TRUE(submit.err.find("ErrImagePull") != std::string::npos ||
              submit.err.find("ImagePullBackOff") != std::string::npos)
      << submit.err;
  EXPECT_LT(took, 180s) << "the wait did not give up";
  const json drivers = pods(app, "driver");
  ASSERT_EQ(drivers.size(), 1u);
  EXPECT_EQ(drivers[0].value("/status/phase"_json_pointer, ""), "Pending");
}

// A driver that asks for more CPU and memory than the node has (2 cores,
// 24 GiB): the scheduler places it nowhere (FailedScheduling), and
// `submit --wait` ends after --pending-timeout with exit 1 and the
// scheduler's message; the application is kept for inspection.
TEST_F(RealNode, UnschedulableDriverEndsAfterThePendingTimeoutWithTheSchedulersMessage) {
  write_config({}, "", "  driver:\n    core_request: \"64\"\n    memory: 64g\n");
  const std::string app = name("huge");
  const auto started = std::chrono::steady_clock::now();
  const CommandResult submit =
      sparkctl({"submit", "--job", "pi", "--name", app, "--wait", "--pending-timeout", "20s"});
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(submit.exit_code, 1) << submit.out << submit.err;
  EXPECT_NE(submit.err.find("cannot be scheduled: 0/1 nodes are available"), std::string::npos)
      << submit.err;
  EXPECT_NE(submit.err.find("Insufficient cpu"), std::string::npos) << submit.err;
  EXPECT_NE(submit.err.find("Insufficient memory"), std::string::npos) << submit.err;
  EXPECT_GE(took, 20s) << "gave up before the pending timeout";
  EXPECT_LT(took, 180s) << "the wait did not give up";

  const json drivers = pods(app, "driver");
  ASSERT_EQ(drivers.size(), 1u);
  EXPECT_EQ(drivers[0].value("/status/phase"_json_pointer, ""), "Pending");
  EXPECT_EQ(drivers[0].value("/spec/containers/0/resources/requests/cpu"_json_pointer, ""), "64");
  EXPECT_EQ(status_of(app_path(app)), 200) << "kept for inspection";
}

}  // namespace
}  // namespace node_test
