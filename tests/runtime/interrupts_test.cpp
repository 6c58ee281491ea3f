#include <signal.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "sparkctl/runtime/signals.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;

// interrupt(..., exit=false) runs what a SIGINT runs, without exiting.
TEST(Interrupts, CancelsFirstThenCleansUpNewestFirst) {
  auto& interrupts = Interrupts::install(1s);
  std::mutex mutex;
  std::vector<std::string> order;
  auto record = [&](std::string what) {
    return [&, what] {
      std::lock_guard lock(mutex);
      order.push_back(what);
    };
  };
  {
    InterruptScope stop_server(Interrupts::Phase::cleanup, record("stop server"));
    InterruptScope interrupt_job(Interrupts::Phase::cancel, record("interrupt job"));
    InterruptScope remove_temp(Interrupts::Phase::cleanup, record("remove temp"));
    interrupts.interrupt(SIGINT, false);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"interrupt job", "remove temp", "stop server"}));

  order.clear();
  interrupts.interrupt(SIGINT, false);  // scopes ended: nothing registered
  EXPECT_TRUE(order.empty());
}

TEST(Interrupts, AHangingCancelDoesNotBlockCleanupBeyondTheTimeout) {
  auto& interrupts = Interrupts::install(1s);
  auto release = std::make_shared<std::atomic<bool>>(false);
  std::atomic<bool> cleaned{false};
  InterruptScope hang(Interrupts::Phase::cancel, [release] {
    while (!*release) std::this_thread::sleep_for(10ms);
  });
  InterruptScope cleanup(Interrupts::Phase::cleanup, [&] { cleaned = true; });
  const auto begin = std::chrono::steady_clock::now();
  interrupts.interrupt(SIGTERM, false);
  EXPECT_TRUE(cleaned);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 3s);
  *release = true;
}

TEST(Interrupts, AThrowingCallbackDoesNotStopTheOthers) {
  auto& interrupts = Interrupts::install(1s);
  std::atomic<bool> cleaned{false};
  InterruptScope first(Interrupts::Phase::cleanup, [&] { cleaned = true; });
  InterruptScope second(Interrupts::Phase::cleanup, [] { throw std::runtime_error("boom"); });
  interrupts.interrupt(SIGINT, false);
  EXPECT_TRUE(cleaned);
}

}  // namespace
}  // namespace sparkctl::runtime::test
