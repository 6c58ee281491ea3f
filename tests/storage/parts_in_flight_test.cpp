// PartsInFlight without a store: parts that meet each other prove they run
// at once, and a failure whose timing the test controls shows what stops
// and what is rethrown (the store tests cannot order threads this way).
#include "parts_in_flight.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sparkctl::storage {
namespace {

using namespace std::chrono_literals;

// Lets each caller wait until `count` callers are inside at once (false
// when that does not happen in time, so a broken pool fails, not hangs).
class Meeting {
 public:
  explicit Meeting(int count) : count_(count) {}
  bool enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++inside_;
    changed_.notify_all();
    return changed_.wait_for(lock, 10s, [&] { return inside_ >= count_; });
  }

 private:
  const int count_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int inside_ = 0;
};

TEST(PartsInFlight, EveryPartOnceSeveralAtOnce) {
  PartsInFlight parts(0, {});
  std::vector<int> sends(12, 0);
  Meeting first_four(4);
  std::atomic<int> met{0};
  parts.run(sends.size(), 4, [&](std::size_t index) {
    ++sends[index];
    if (index < 4 && first_four.enter()) ++met;
  });
  EXPECT_EQ(sends, std::vector<int>(12, 1));
  EXPECT_EQ(met, 4) << "the first four parts were not in flight together";
}

TEST(PartsInFlight, NoWorkersIsOneAtATimeOnTheCallersThread) {
  PartsInFlight parts(0, {});
  std::vector<std::thread::id> threads;
  parts.run(3, 0, [&](std::size_t) { threads.push_back(std::this_thread::get_id()); });
  EXPECT_EQ(threads, std::vector<std::thread::id>(3, std::this_thread::get_id()));
}

// Part 0 fails once parts 1 and 2 are in flight. Part 1 is stopped at its
// next sent(), later than the failure: what it was stopped with would
// replace the first failure if anything did. Part 2 ends well after the
// failure, and its thread must not start part 3.
TEST(PartsInFlight, FirstFailureStopsTheOthersAndIsRethrown) {
  PartsInFlight parts(0, {});
  Meeting three(3);
  std::atomic<int> started{0};
  std::atomic<bool> stopped{false};
  const auto send = [&](std::size_t index) {
    ++started;
    const bool met = three.enter();
    if (index == 0) throw std::runtime_error(met ? "the first failure" : "the parts never met");
    for (auto waited = 0ms; waited < 10s && !stopped; waited += 1ms) {
      if (index == 1) {
        try {
          parts.sent(1);
        } catch (...) {
          stopped = true;
          throw;
        }
      }
      std::this_thread::sleep_for(1ms);
    }
  };
  try {
    parts.run(100, 3, send);
    FAIL() << "no failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "the first failure");
  }
  EXPECT_TRUE(stopped);
  EXPECT_EQ(started, 3) << "a part started after the failure";
}

TEST(PartsInFlight, ProgressSumsThePartsAndItsExceptionIsTheFailure) {
  std::vector<std::uint64_t> seen;
  PartsInFlight parts(40, [&](std::uint64_t sent, std::uint64_t total) {
    EXPECT_EQ(total, 40u);
    seen.push_back(sent);
    if (sent == 30) throw std::runtime_error("interrupted");
  });
  try {
    parts.run(4, 2, [&](std::size_t) {
      parts.sent(5);
      parts.sent(5);
    });
    FAIL() << "no failure";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "interrupted");
  }
  // However the parts' calls interleave, the sum grows by 5 each time and
  // stops at the call that threw.
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 30u);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(seen[i], seen[i - 1]);
}

}  // namespace
}  // namespace sparkctl::storage
