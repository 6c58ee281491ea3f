// Ctrl-C during `sparkctl run`: the job's running query is cancelled on the
// warm server of the jobs fixture (JobSession), sparkctl exits 130 without a
// result, and the server goes on serving the next run.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>
#include <thread>
#include <vector>

#include "command_runner.hpp"
#include "warm_server_options.hpp"

namespace sparkctl::jobs {
namespace {

using namespace std::chrono_literals;
using testing::CommandResult;

TEST(RunInterrupt, CtrlCCancelsTheRunningJobAndExits130) {
  // 10,000,000,000 samples in 100,000 tasks: about five minutes of work here.
  testing::RunningCommand job(
      testing::sparkctl_argv({"-v", "run", "--job", "pi", "--job-args", "partitions=100000"}),
      warm_server());
  ASSERT_TRUE(job.wait_for_output("running pi on warm server", 60s)) << job.err();
  std::this_thread::sleep_for(2s);  // the query is on the server by now
  ASSERT_EQ(::kill(job.pid(), SIGINT), 0);
  const CommandResult interrupted = job.finish();
  EXPECT_EQ(interrupted.exit_code, 130) << interrupted.err;
  EXPECT_EQ(interrupted.out.find("Pi is roughly"), std::string::npos) << interrupted.out;
  EXPECT_EQ(interrupted.err.find("terminate called"), std::string::npos) << interrupted.err;

  // The server is free for the next job: had the query gone on, the next
  // one's two tasks would queue behind its 100,000 for minutes.
  std::vector<std::string> next_job = {"timeout", "60"};
  for (auto& arg : testing::sparkctl_argv({"run", "--job", "pi", "--job-args", "partitions=2"}))
    next_job.push_back(arg);
  const CommandResult next = testing::run_command(next_job, warm_server());
  EXPECT_EQ(next.exit_code, 0) << "124: the interrupted query still runs on the server\n"
                               << next.err;
  EXPECT_NE(next.out.find("Pi is roughly 3.1"), std::string::npos) << next.out;
}

}  // namespace
}  // namespace sparkctl::jobs
