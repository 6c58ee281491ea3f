#include "sparkctl/shell/shell.hpp"

#include <unistd.h>

#include <iostream>
#include <sstream>

#include "batch.hpp"

namespace sparkctl::shell {

int run_shell(connect::Session& spark, const ShellOptions& options, std::ostream& out) {
  if (!options.execute.empty()) {
    std::istringstream statements(options.execute);
    return run_batch(spark, statements, options, out);
  }
  if (::isatty(STDIN_FILENO)) return run_repl(spark, options);
  return run_batch(spark, std::cin, options, out);
}

}  // namespace sparkctl::shell
