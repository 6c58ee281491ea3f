// The idle clock of the interactive job on the cluster, with a fake
// driver UI and a short clock. (The real UI is read in the SimulatedPod
// interactive test.)
#include "sparkctl/runtime/driver_activity.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "sparkctl/runtime/port.hpp"

namespace sparkctl::runtime {
namespace {

using namespace std::chrono_literals;
using Clock = IdleClock::Clock;

JobsSnapshot snapshot(std::int64_t running, std::int64_t finished) {
  JobsSnapshot s;
  s.running = running;
  s.finished = finished;
  s.jobs = running + finished;
  s.last_job_id = s.jobs - 1;
  return s;
}

TEST(ParseJobs, CountsRunningAndFinishedJobs) {
  const auto s = parse_jobs(R"([
    {"jobId": 2, "name": "count", "status": "RUNNING"},
    {"jobId": 1, "status": "SUCCEEDED"},
    {"jobId": 0, "status": "FAILED"}])");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->jobs, 3);
  EXPECT_EQ(s->running, 1);
  EXPECT_EQ(s->finished, 2);
  EXPECT_EQ(s->last_job_id, 2);
  EXPECT_EQ(parse_jobs("[]")->last_job_id, -1);
  EXPECT_FALSE(parse_jobs("{\"message\": \"no such app\"}"));
  EXPECT_FALSE(parse_jobs("<html>"));
}

TEST(IdleClock, RunningOrNewJobsAreActivityUnchangedOnesAreNot) {
  const auto t0 = Clock::now();
  IdleClock clock(t0);
  clock.observe(snapshot(0, 3), t0 + 1s);  // jobs of unknown age at the first look: activity
  EXPECT_EQ(clock.idle_for(t0 + 10s), 9s);
  clock.observe(snapshot(1, 3), t0 + 10s);  // a job runs
  EXPECT_EQ(clock.idle_for(t0 + 12s), 2s);
  clock.observe(snapshot(0, 4), t0 + 20s);  // it finished since the last look
  EXPECT_EQ(clock.idle_for(t0 + 25s), 5s);
  clock.observe(snapshot(0, 4), t0 + 30s);  // nothing new
  EXPECT_EQ(clock.idle_for(t0 + 30s), 10s);
  clock.observe(std::nullopt, t0 + 40s);  // no answer: no activity
  EXPECT_EQ(clock.idle_for(t0 + 40s), 20s);
}

TEST(IdleClock, AFirstLookWithNoJobsIsNotActivity) {
  const auto t0 = Clock::now();
  IdleClock clock(t0);
  clock.observe(snapshot(0, 0), t0 + 5s);
  EXPECT_EQ(clock.idle_for(t0 + 10s), 10s);
}

TEST(IdleClock, AJobBetweenTwoLooksCounts) {
  const auto t0 = Clock::now();
  IdleClock clock(t0);
  clock.observe(snapshot(0, 1), t0);
  auto later = snapshot(0, 1);
  later.last_job_id = 7;  // the retained list dropped one and gained one
  clock.observe(later, t0 + 5s);
  EXPECT_EQ(clock.idle_for(t0 + 5s), 0s);
}

TEST(WaitUntilIdle, StopsAfterTheTimeoutOnceJobsStop) {
  int looks = 0;
  IdleWaitOptions options;
  options.timeout = 1s;
  options.poll = 50ms;
  options.look = [&] {
    const bool busy = ++looks <= 10;
    return snapshot(busy ? 1 : 0, busy ? 0 : 1);
  };
  const auto start = Clock::now();
  EXPECT_TRUE(wait_until_idle(options));
  const auto took = Clock::now() - start;
  EXPECT_GE(took, 1400ms);  // ~0.5 s busy, then 1 s idle
  EXPECT_LT(took, 5s);
}

TEST(WaitUntilIdle, EndsWhenTheServerDies) {
  int looks = 0;
  IdleWaitOptions options;
  options.timeout = 60s;
  options.poll = 10ms;
  options.look = [] { return snapshot(1, 0); };
  options.alive = [&] { return ++looks < 5; };
  EXPECT_FALSE(wait_until_idle(options));
}

TEST(DriverUi, ReportsWhyItGotNoAnswer) {
  DriverUi ui(pick_free_port(), 500ms);  // nothing listens there
  EXPECT_FALSE(ui.jobs());
  EXPECT_NE(ui.last_error().find("127.0.0.1"), std::string::npos) << ui.last_error();
}

}  // namespace
}  // namespace sparkctl::runtime
