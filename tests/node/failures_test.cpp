// Failures of real applications on the real node, never a patched status:
// the job fails in its driver pod, the driver is killed for memory, the
// image is not there. `submit --wait` must end with the right exit code
// and say why.
#include "node_cluster.hpp"

namespace node_test {
namespace {

// cloud_etl cannot read its input: the job fails in the driver pod, whose
// container exits with 1; the operator marks the application FAILED and
// `submit --wait` exits 1; the job's own error is in the driver's log.
TEST_F(RealNode, FailingJobExitsOneWithItsCause) {
  const std::string app = name("fail");
  const CommandResult submit =
      sparkctl({"submit", "--job", "cloud_etl", "--name", app, "--wait", "--job-args",
                "input=/opt/sparkctl/data/missing.csv", "output=/tmp/out"});
  EXPECT_EQ(submit.exit_code, 1) << submit.out << submit.err;
  EXPECT_EQ(state_of(app), "FAILED");
  EXPECT_NE(submit.err.find("FAILED"), std::string::npos) << submit.err;
  EXPECT_NE(submit.err.find("ExitCode: 1"), std::string::npos) << submit.err;

  const json drivers = pods(app, "driver");
  ASSERT_EQ(drivers.size(), 1u);
  EXPECT_EQ(terminated(drivers[0]).value("exitCode", -1), 1) << drivers[0]["status"].dump(2);
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("cloud_etl: cannot read /opt/sparkctl/data/missing.csv: no such file"),
            std::string::npos)
      << logs.out;
}

}  // namespace
}  // namespace node_test
