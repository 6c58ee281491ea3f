// The one way sparkctl reports failure: throw sparkctl::Error with a
// one-line message meant for the user and the exit code scripts see.
// main() catches it, prints "sparkctl: <message>" on stderr and exits
// with code(); nothing else (no what() of a foreign exception, no stack
// trace) ever reaches the user.
#pragma once

#include <stdexcept>
#include <string>

namespace sparkctl {

// Exit codes are part of the CLI contract (documented in README.md).
enum class ExitCode : int {
  ok = 0,
  job_failed = 1,     // the job or the Spark application failed
  usage = 2,          // bad command line, bad config value, bad input
  cluster = 3,        // Kubernetes API / Spark server / network trouble, timeouts
  interrupted = 130,  // SIGINT / SIGTERM
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

  ExitCode code() const noexcept { return code_; }
  int exit_code() const noexcept { return static_cast<int>(code_); }

  static Error usage(const std::string& message) { return {ExitCode::usage, message}; }
  static Error job(const std::string& message) { return {ExitCode::job_failed, message}; }
  static Error cluster(const std::string& message) { return {ExitCode::cluster, message}; }
  static Error interrupted(const std::string& message) { return {ExitCode::interrupted, message}; }

 private:
  ExitCode code_;
};

}  // namespace sparkctl
