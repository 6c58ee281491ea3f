// SIGINT/SIGTERM for `sparkctl run`. install() blocks both signals (call it
// from main() before any thread starts, so every thread inherits the mask)
// and starts a thread that sigwait()s for them. On the first signal it runs
// the cancel callbacks (e.g. the Spark Connect interrupt, up to
// cancel_timeout), then the cleanup callbacks (stop the local server), then
// exits with the status the CLI's top level set (130). A second signal skips what is left of the
// cancel step. Child processes get the default signal mask back (child_process.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace sparkctl::runtime {

class Interrupts {
 public:
  enum class Phase { cancel, cleanup };
  using Token = std::uint64_t;

  // Idempotent. Returns the process-wide instance.
  static Interrupts& install(std::chrono::milliseconds cancel_timeout = std::chrono::seconds(5));
  // The status the process exits with after an interrupt; by default the
  // shell's 128 + the signal's number.
  static void set_exit_status(int status);
  // The installed instance, or nullptr if install() was never called.
  static Interrupts* instance();

  // Callbacks of a phase run newest first. They must not throw (a throw is
  // logged and ignored).
  Token add(Phase phase, std::function<void()> callback);
  void remove(Token token);

  // What the handler thread does on a signal, callable directly (tests):
  // runs the callbacks; `exit` then ends the process (set_exit_status).
  void interrupt(int signal, bool exit);
};

// Registers a callback for the lifetime of this object (no-op if
// Interrupts was not installed).
class InterruptScope {
 public:
  InterruptScope(Interrupts::Phase phase, std::function<void()> callback);
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  Interrupts::Token token_ = 0;
};

}  // namespace sparkctl::runtime
