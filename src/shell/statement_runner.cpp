#include <chrono>
#include <cstdio>
#include <ostream>

#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/result_stream.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/shell/shell.hpp"

namespace sparkctl::shell {

void run_statement(connect::Session& spark, const std::string& statement,
                   const ShellOptions& options, std::ostream& out) {
  const auto started = std::chrono::steady_clock::now();
  // sql() runs commands (DDL, SET, INSERT) right away; the result of a
  // query streams to `out` as it arrives.
  const auto frame = spark.sql(statement);
  const std::int64_t rows =
      connect::stream_result(spark.client(), frame.relation(), options.format, out);
  if (options.timing && options.format == connect::ResultFormat::table) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char line[96];
    std::snprintf(line, sizeof line, "%lld row%s in %.2fs\n", static_cast<long long>(rows),
                  rows == 1 ? "" : "s", seconds);
    out << line;
  }
  out.flush();
}

}  // namespace sparkctl::shell
