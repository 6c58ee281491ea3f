#include "startup_progress.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>

namespace sparkctl::runtime {

using Clock = std::chrono::steady_clock;

StartupProgress::StartupProgress(std::string what, bool enabled)
    : what_(std::move(what)),
      enabled_(enabled),
      tty_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()),
      last_draw_(start_) {
  if (enabled_ && !tty_) spdlog::info("{} ...", what_);
}

StartupProgress::~StartupProgress() { finish(); }

void StartupProgress::tick() {
  if (!enabled_) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (tty_) {
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    static const char* frames[] = {"|", "/", "-", "\\"};
    std::fprintf(stderr, "\r\033[K%s %s (%.1fs)", frames[frame_++ % 4], what_.c_str(), elapsed);
    std::fflush(stderr);
    drawn_ = true;
    last_draw_ = now;
  } else if (now - last_draw_ >= std::chrono::seconds(10)) {
    spdlog::info("{}: still waiting ({:.0f}s)", what_, elapsed);
    last_draw_ = now;
  }
}

void StartupProgress::finish() {
  if (drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
  enabled_ = false;
}

}  // namespace sparkctl::runtime
