// Runs the real sparkctl binary (or any command) the way a user would, and
// captures what it printed and its exit code; while it runs, too.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sparkctl::testing {

struct CommandResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
  long peak_rss_kib = 0;  // the command's peak resident memory (getrusage's ru_maxrss)
};

struct CommandOptions {
  std::map<std::string, std::string> env;  // added to (or replacing) the inherited environment
  std::vector<std::string> unset_env;      // removed from it
  std::string working_dir;                 // "" = current
  std::string stdin_text;
  bool discard_stdout = false;  // to /dev/null: for outputs too large to keep
};

// A started command whose stdout and stderr a thread collects as they
// come. The destructor kills and reaps it when finish() was not called.
class RunningCommand {
 public:
  explicit RunningCommand(const std::vector<std::string>& argv, const CommandOptions& options = {});
  ~RunningCommand();
  RunningCommand(const RunningCommand&) = delete;
  RunningCommand& operator=(const RunningCommand&) = delete;

  pid_t pid() const { return pid_; }
  // True once stdout or stderr holds `text`, false after `timeout`.
  bool wait_for_output(const std::string& text,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));
  std::string out();
  std::string err();
  // Waits for the command to end.
  CommandResult finish();

 private:
  void read_all(int out_fd, int err_fd);

  pid_t pid_ = -1;
  std::string stdin_path_;
  std::thread reader_;
  std::mutex mutex_;
  CommandResult result_;
  bool finished_ = false;
  std::atomic<bool> ended_{false};  // the command has exited
};

CommandResult run_command(const std::vector<std::string>& argv, const CommandOptions& options = {});
// SPARKCTL_BINARY followed by `args`.
std::vector<std::string> sparkctl_argv(const std::vector<std::string>& args);
// run_command of sparkctl_argv(args).
CommandResult run_sparkctl(const std::vector<std::string>& args,
                           const CommandOptions& options = {});

}  // namespace sparkctl::testing
