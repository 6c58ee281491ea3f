// The handler is a thread that sigwait()s rather than a signal handler, so
// the callbacks may lock, log and talk to the network. While it works it
// holds the registry lock: an owner that unregisters (InterruptScope's
// destructor) waits, so nothing a callback uses is destroyed under it.
#include "sparkctl/runtime/signals.hpp"

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sparkctl/core/error.hpp"

namespace sparkctl::runtime {
namespace {

using Callback = std::function<void()>;

struct Registry {
  std::mutex mutex;
  std::map<Interrupts::Token, std::pair<Interrupts::Phase, Callback>> callbacks;
  Interrupts::Token next = 1;
  std::chrono::milliseconds cancel_timeout{5000};
};

Registry& registry() {
  static Registry r;
  return r;
}

Interrupts* installed = nullptr;
// Set by the CLI's top level; -1: 128 + the signal, as a shell reports it.
std::atomic<int> exit_status{-1};

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void run_guarded(const Callback& callback) {
  try {
    callback();
  } catch (const std::exception& e) {
    spdlog::debug("interrupt callback failed: {}", e.what());
  } catch (...) {
    spdlog::debug("interrupt callback failed");
  }
}

// Newest first, like destructors.
std::vector<Callback> callbacks_of(const Registry& r, Interrupts::Phase phase) {
  std::vector<Callback> result;
  for (auto it = r.callbacks.rbegin(); it != r.callbacks.rend(); ++it)
    if (it->second.first == phase) result.push_back(it->second.second);
  return result;
}

struct CancelDone {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
};

// Runs the cancel callbacks on a thread of their own (an RPC may hang) and
// waits for them until the timeout or, when `watch_signals`, a second signal.
void run_cancel_phase(std::vector<Callback> cancels, std::chrono::milliseconds timeout,
                      bool watch_signals) {
  if (cancels.empty()) return;
  auto done = std::make_shared<CancelDone>();
  std::thread([cancels = std::move(cancels), done] {
    for (const auto& cancel : cancels) run_guarded(cancel);
    std::lock_guard lock(done->mutex);
    done->done = true;
    done->cv.notify_all();
  }).detach();

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const sigset_t set = handled_signals();
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::unique_lock lock(done->mutex);
      if (done->cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return done->done; }))
        return;
    }
    if (watch_signals) {
      timespec zero{0, 0};
      if (sigtimedwait(&set, nullptr, &zero) > 0) {
        spdlog::warn("second interrupt: not waiting for the job to cancel");
        return;
      }
    }
  }
  spdlog::warn("the job did not confirm cancellation within {}s", timeout.count() / 1000);
}

}  // namespace

Interrupts& Interrupts::install(std::chrono::milliseconds cancel_timeout) {
  static Interrupts instance;
  static std::once_flag once;
  std::call_once(once, [cancel_timeout] {
    registry().cancel_timeout = cancel_timeout;
    const sigset_t set = handled_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    installed = &instance;
    std::thread([] {
      const sigset_t wait_set = handled_signals();
      int sig = 0;
      while (sigwait(&wait_set, &sig) != 0) {
      }
      installed->interrupt(sig, true);
    }).detach();
  });
  return instance;
}

Interrupts* Interrupts::instance() { return installed; }

void Interrupts::set_exit_status(int status) { exit_status = status; }

Interrupts::Token Interrupts::add(Phase phase, std::function<void()> callback) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  const Token token = r.next++;
  r.callbacks.emplace(token, std::make_pair(phase, std::move(callback)));
  return token;
}

void Interrupts::remove(Token token) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.callbacks.erase(token);
}

void Interrupts::interrupt(int signal, bool exit) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  spdlog::warn("{}: stopping", signal == SIGTERM ? "terminated" : "interrupted");
  run_cancel_phase(callbacks_of(r, Phase::cancel), r.cancel_timeout, exit);
  for (const auto& cleanup : callbacks_of(r, Phase::cleanup)) run_guarded(cleanup);
  if (exit) {
    spdlog::default_logger()->flush();
    std::fprintf(stderr, "sparkctl: interrupted\n");
    std::fflush(stderr);
    std::_Exit(exit_status >= 0 ? exit_status.load() : 128 + signal);
  }
}

InterruptScope::InterruptScope(Interrupts::Phase phase, std::function<void()> callback) {
  if (auto* interrupts = Interrupts::instance())
    token_ = interrupts->add(phase, std::move(callback));
}

InterruptScope::~InterruptScope() {
  if (auto* interrupts = Interrupts::instance(); interrupts && token_) interrupts->remove(token_);
}

}  // namespace sparkctl::runtime
