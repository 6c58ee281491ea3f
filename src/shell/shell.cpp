#include "sparkctl/shell/shell.hpp"

#include <sstream>

#include "batch.hpp"

namespace sparkctl::shell {

int run_shell(connect::Session& spark, const ShellOptions& options, const ShellStreams& io) {
  if (!options.execute.empty()) {
    std::istringstream statements(options.execute);
    return run_batch(spark, statements, options, io.out);
  }
  if (io.terminal) return run_repl(spark, options, io.out, io.err);
  return run_batch(spark, io.in, options, io.out);
}

}  // namespace sparkctl::shell
