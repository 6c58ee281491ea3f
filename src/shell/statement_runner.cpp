#include <chrono>
#include <cstdio>
#include <ostream>

#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/shell/shell.hpp"

namespace sparkctl::shell {

void run_statement(connect::Session& spark, const std::string& statement,
                   const ShellOptions& options, std::ostream& out) {
  const auto started = std::chrono::steady_clock::now();
  // sql() runs commands (DDL, SET, INSERT) right away; collect() runs queries.
  const auto table = spark.sql(statement).collect();
  print_result(table, options.format, out);
  if (options.timing && options.format == OutputFormat::table) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[96];
    std::snprintf(line, sizeof line, "%zu row%s in %.2fs\n", table.rows.size(),
                  table.rows.size() == 1 ? "" : "s", seconds);
    out << line;
  }
  out.flush();
}

}  // namespace sparkctl::shell
