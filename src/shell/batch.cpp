// Non-interactive shell: statements from -e or stdin, stop at the first error.
#include "batch.hpp"

#include <istream>
#include <ostream>

#include "sparkctl/core/error.hpp"
#include "sparkctl/shell/statement_splitter.hpp"

namespace sparkctl::shell {

int run_batch(connect::Session& spark, std::istream& in, const ShellOptions& options,
              std::ostream& out) {
  StatementSplitter splitter;
  std::vector<std::string> statements;
  std::string line;
  while (std::getline(in, line)) {
    for (auto& statement : splitter.add_line(line)) statements.push_back(std::move(statement));
  }
  if (auto rest = splitter.finish(); !rest.empty()) statements.push_back(rest);

  ShellOptions batch = options;
  batch.timing = false;  // output of scripts must not change from run to run
  for (const auto& statement : statements) {
    run_statement(spark, statement, batch, out);
  }
  return 0;
}

}  // namespace sparkctl::shell
