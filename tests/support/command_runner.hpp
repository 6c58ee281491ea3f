// Runs the real sparkctl binary (or any command) the way a user would, and
// captures what it printed and its exit code.
#pragma once

#include <map>
#include <string>
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

CommandResult run_command(const std::vector<std::string>& argv, const CommandOptions& options = {});
// run_command with SPARKCTL_BINARY as argv[0].
CommandResult run_sparkctl(const std::vector<std::string>& args,
                           const CommandOptions& options = {});

}  // namespace sparkctl::testing
