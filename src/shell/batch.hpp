#pragma once

#include <iosfwd>

#include "sparkctl/shell/shell.hpp"

namespace sparkctl::shell {
// Runs every statement of `in`; a failing statement throws (sparkctl::Error).
int run_batch(connect::Session& spark, std::istream& in, const ShellOptions& options,
              std::ostream& out);
// The readline loop (stdin is a terminal).
int run_repl(connect::Session& spark, const ShellOptions& options);
}  // namespace sparkctl::shell
