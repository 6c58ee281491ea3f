#include "sparkctl/runtime/child_process.hpp"

#include <signal.h>
#include <sys/wait.h>

#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;

TEST(ChildProcess, WritesStdoutAndStderrToTheLogWithExtraEnvironment) {
  TempDir dir;
  const auto log = dir.path() / "out.log";
  auto child = ChildProcess::spawn({{"/bin/sh", "-c", "echo out $GREETING; echo err >&2"},
                                    {{"GREETING", "hello"}},
                                    log.string()});
  ASSERT_TRUE(wait_until([&] { return !child.running(); }, 5s));
  EXPECT_EQ(describe_wait_status(*child.wait_status()), "exited with status 0");
  EXPECT_EQ(read_text(log), "out hello\nerr\n");
}

TEST(ChildProcess, RunsInItsOwnProcessGroup) {
  auto child = ChildProcess::spawn({{"/bin/sleep", "300"}});
  EXPECT_EQ(getpgid(child.pid()), child.pid());
  EXPECT_NE(getpgid(child.pid()), getpgrp());
}

TEST(ChildProcess, StopEndsTheWholeGroup) {
  auto child = ChildProcess::spawn({{"/bin/sh", "-c", "sleep 300 & sleep 300 & wait"}});
  const pid_t group = child.pgid();
  ASSERT_TRUE(wait_until([&] { return processes_with("300").size() >= 2; }, 5s));
  child.stop(2s);
  // The group's other members die with the SIGTERM but are reaped by init,
  // not by us: give that a moment instead of racing it.
  EXPECT_TRUE(wait_until([&] { return !group_alive(group); }, 5s));
}

TEST(ChildProcess, StopEscalatesToSigkillAfterTheGrace) {
  // Ignored signals survive exec: neither sh nor sleep reacts to SIGTERM.
  auto child = ChildProcess::spawn({{"/bin/sh", "-c", "trap '' TERM; sleep 300 & wait"}});
  const pid_t group = child.pgid();
  std::this_thread::sleep_for(200ms);
  const auto begin = std::chrono::steady_clock::now();
  child.stop(500ms);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 500ms);
  EXPECT_TRUE(wait_until([&] { return !group_alive(group); }, 5s));
}

TEST(ChildProcess, ChildGetsDefaultSignalMaskEvenIfTheParentBlocksSigterm) {
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  auto child = ChildProcess::spawn({{"/bin/sleep", "300"}});
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  kill(child.pid(), SIGTERM);
  ASSERT_TRUE(wait_until([&] { return !child.running(); }, 5s));
  EXPECT_TRUE(WIFSIGNALED(*child.wait_status()));
  EXPECT_EQ(WTERMSIG(*child.wait_status()), SIGTERM);
}

TEST(ChildProcess, MissingProgramIsAClusterErrorNamingIt) {
  EXPECT_EQ(
      error_of([] { ChildProcess::spawn({{"/nonexistent/spark-submit"}}); }, ErrorKind::cluster),
      "cannot run /nonexistent/spark-submit: No such file or directory");
}

TEST(ChildProcess, DetachedChildStartsANewSession) {
  auto child = ChildProcess::spawn({{"/bin/sleep", "300"}, {}, "", Lifetime::detached});
  ASSERT_TRUE(wait_until([&] { return getsid(child.pid()) == child.pid(); }, 2s));
  EXPECT_NE(getsid(child.pid()), getsid(0));
}

TEST(ChildProcess, TiedChildDiesWhenItsParentIsKilled) {
  TempDir dir;
  const auto log = dir.path() / "helper.log";
  auto helper = ChildProcess::spawn({{RUNTIME_TEST_HELPER, "sleep"}, {}, log.string()});
  const auto ready = wait_for_line(log, "READY ", 10s);
  ASSERT_FALSE(ready.empty()) << read_text(log);
  const pid_t sleeper = std::stoi(ready.substr(6));
  ASSERT_TRUE(process_alive(sleeper));
  kill(helper.pid(), SIGKILL);
  EXPECT_TRUE(wait_until([&] { return !process_alive(sleeper); }, 5s));
}

TEST(ChildProcess, RunAndCaptureReturnsOutputOrNothing) {
  EXPECT_EQ(run_and_capture({"/bin/echo", "hi"}).value_or("?"), "hi\n");
  EXPECT_FALSE(run_and_capture({"/bin/false"}).has_value());
  EXPECT_FALSE(run_and_capture({"/nonexistent"}).has_value());
}

}  // namespace
}  // namespace sparkctl::runtime::test
