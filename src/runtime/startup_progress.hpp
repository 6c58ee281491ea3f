// What the user sees while the JVM starts: a spinner with the elapsed time
// on a terminal, a log line every 10 seconds otherwise (CI logs, pipes).
#pragma once

#include <chrono>
#include <string>

namespace sparkctl::runtime {

class StartupProgress {
 public:
  StartupProgress(std::string what, bool enabled);
  ~StartupProgress();  // clears the spinner line
  void tick();         // call often; draws at most every 100 ms
  void finish();

 private:
  std::string what_;
  bool enabled_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  int frame_ = 0;
  bool drawn_ = false;
};

}  // namespace sparkctl::runtime
