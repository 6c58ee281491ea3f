// The SQL shell over Spark Connect. Interactive when its input is the
// process's terminal (readline editing, history, multi-line statements
// ending in ';', Ctrl-C cancels the running statement and keeps the shell);
// otherwise it runs the statements from -e or its input stream and stops at
// the first error.
#pragma once

#include <iosfwd>
#include <string>

#include "sparkctl/connect/result_stream.hpp"

namespace sparkctl::connect {
class Session;
}

namespace sparkctl::shell {

struct ShellOptions {
  connect::ResultFormat format = connect::ResultFormat::table;
  std::string execute;       // -e: run these statements and leave
  std::string history_file;  // "" = $XDG_STATE_HOME/sparkctl/history (or ~/.local/state/...)
  bool timing = true;        // "N rows in 0.42s" after each result (interactive and table only)
};

// Where the shell reads statements and writes results (`out`) and messages
// (`err`). `terminal`: `in` is the process's stdin on a terminal, which the
// REPL reads through readline.
struct ShellStreams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool terminal = false;
};

// Returns the exit code: 0, or 1 when a statement failed (non-interactive).
int run_shell(connect::Session& spark, const ShellOptions& options, const ShellStreams& io);

// Runs one statement and prints its result; Spark errors propagate.
void run_statement(connect::Session& spark, const std::string& statement,
                   const ShellOptions& options, std::ostream& out);

}  // namespace sparkctl::shell
