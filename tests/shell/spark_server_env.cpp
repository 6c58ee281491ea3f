// The one real local Spark Connect server of a shell test binary: its main()
// starts it with `sparkctl server start` under the binary's own state dir
// (SHELL_TEST_STATE_DIR), with the binary's Spark settings
// (SHELL_TEST_SERVER_CONF, key=value,...), and stops it at the end.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "command_runner.hpp"
#include "shell_test_support.hpp"

namespace shell_test {
namespace {

using sparkctl::testing::CommandResult;
using sparkctl::testing::run_sparkctl;

std::string server_remote;

// One server for the whole binary: starting Spark takes ~10 s.
class SparkServer : public ::testing::Environment {
 public:
  void SetUp() override {
    fs::create_directories(SHELL_TEST_STATE_DIR);
    ::setenv("SPARKCTL_STATE_DIR", SHELL_TEST_STATE_DIR, 1);
    ::unsetenv("SPARKCTL_REMOTE");
    ::unsetenv("SPARKCTL_SPARK_REMOTE");
    CommandResult started =
        run_sparkctl({"--set", "spark.master=local[2]", "--set",
                      "spark.conf=" SHELL_TEST_SERVER_CONF, "server", "start", "--port", "0"});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    server_remote = started.out.substr(0, started.out.find('\n'));
    ASSERT_EQ(server_remote.rfind("sc://127.0.0.1:", 0), 0u) << started.out;
  }
  void TearDown() override {
    CommandResult stopped = run_sparkctl({"server", "stop"});
    EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  }
};

}  // namespace

const std::string& remote() { return server_remote; }

}  // namespace shell_test

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new shell_test::SparkServer);
  return RUN_ALL_TESTS();
}
