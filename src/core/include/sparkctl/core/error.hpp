// The one way sparkctl reports failure: each layer throws sparkctl::Error
// with a one-line message meant for the user and the kind of failure it
// knows it is. Layers never decide how the process ends: only the CLI's top
// level (src/cli/top_level.cpp) turns a kind into an exit code and prints
// the message; anything else that escapes there is a defect of sparkctl.
#pragma once

#include <stdexcept>
#include <string>

namespace sparkctl {

enum class ErrorKind {
  usage,        // bad flag or value, bad config key or value, unknown job or argument
  job_failed,   // the job or the application failed: Spark's error for a job's query,
                // misuse of the DataFrame API inside a job, a FAILED application
  cluster,      // the Spark server, the Kubernetes API, transport or protocol (unreachable,
                // malformed Arrow stream, 5xx), timeouts
  interrupted,  // SIGINT / SIGTERM
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

  ErrorKind kind() const noexcept { return kind_; }

  static Error usage(const std::string& message) { return {ErrorKind::usage, message}; }
  static Error job(const std::string& message) { return {ErrorKind::job_failed, message}; }
  static Error cluster(const std::string& message) { return {ErrorKind::cluster, message}; }
  static Error interrupted(const std::string& message) { return {ErrorKind::interrupted, message}; }

 private:
  ErrorKind kind_;
};

}  // namespace sparkctl
