// A sparkctl that dies must not leave its JVM behind: the helper binary
// starts a real local server, then gets SIGKILL (no chance to clean up:
// the death signal does it) or SIGINT (the handler stops the server and
// exits 130).
#include <signal.h>
#include <sys/wait.h>

#include <sstream>

#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/port.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;

class OrphanTest : public ::testing::Test {
 protected:
  TempDir dir;
  ScopedEnv state_dir_env{"SPARKCTL_STATE_DIR", dir.path().string()};
  ChildProcess helper;
  pid_t server_pid = 0;
  int port = 0;

  void start_helper() {
    const auto log = dir.path() / "helper.log";
    helper = ChildProcess::spawn(
        {{RUNTIME_TEST_HELPER, "spark", test_spark_home().string()}, {}, log.string()});
    const auto ready = wait_for_line(log, "READY ", 180s);
    ASSERT_FALSE(ready.empty()) << read_text(log);
    std::istringstream fields(ready.substr(6));
    fields >> server_pid >> port;
    ASSERT_TRUE(port_accepts(port));
    ASSERT_FALSE(processes_with(server_marker(port)).empty());
  }

  // A killed JVM takes a moment to tear down its threads and sockets.
  void expect_no_server_left() {
    EXPECT_TRUE(wait_until([&] { return processes_with(server_marker(port)).empty(); }, 15s))
        << "orphaned JVM(s) of port " << port;
    EXPECT_TRUE(wait_until([&] { return !group_alive(server_pid); }, 15s))
        << "the server's process group lives on";
    EXPECT_TRUE(wait_until([&] { return !port_accepts(port); }, 5s))
        << "port " << port << " still open";
  }
};

TEST_F(OrphanTest, KillingSparkctlWithSigkillTakesTheJvmAlong) {
  start_helper();
  kill(helper.pid(), SIGKILL);
  ASSERT_TRUE(wait_until([&] { return !helper.running(); }, 5s));
  expect_no_server_left();
}

TEST_F(OrphanTest, SigintStopsTheServerAndExits130) {
  start_helper();
  kill(helper.pid(), SIGINT);
  ASSERT_TRUE(wait_until([&] { return !helper.running(); }, 20s));
  const int status = helper.wait_status().value_or(0);
  EXPECT_TRUE(WIFEXITED(status)) << describe_wait_status(status);
  EXPECT_EQ(WEXITSTATUS(status), 130);
  // The handler waited for the server (it reaped it), so nothing is left right away.
  EXPECT_FALSE(group_alive(server_pid));
  expect_no_server_left();
}

}  // namespace
}  // namespace sparkctl::runtime::test
