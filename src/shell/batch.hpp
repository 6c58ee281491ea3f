#pragma once

#include <iosfwd>

#include "sparkctl/shell/shell.hpp"

namespace sparkctl::shell {
// Runs every statement of `in`; a failing statement throws (sparkctl::Error).
int run_batch(connect::Session& spark, std::istream& in, const ShellOptions& options,
              std::ostream& out);
// The readline loop (stdin is a terminal); results to `out`, messages to `err`.
int run_repl(connect::Session& spark, const ShellOptions& options, std::ostream& out,
             std::ostream& err);
}  // namespace sparkctl::shell
