// Memory stays flat however large the result: the shell streams each Arrow
// batch out as it arrives. For each output format, sparkctl's peak RSS for
// 20,000,000 rows must stay below 1.5x its peak for 2,000,000 rows.
//
// The one intended exception to "speed and memory live in benchmarks"
// (ctest label `memory`): it measures, but only a ratio, and generously.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "command_runner.hpp"
#include "shell_test_support.hpp"

namespace shell_test {
namespace {

using sparkctl::testing::CommandOptions;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_sparkctl;

// A partition per 250,000 rows: Spark's driver holds each finished
// partition's Arrow batches until they are sent, and loses large ones under
// memory pressure (TaskResultLost).
std::string query(long rows) {
  return "SELECT id, id * 2 AS b, CAST(id AS STRING) AS s, rand(1) AS r FROM range(0, " +
         std::to_string(rows) + ", 1, " + std::to_string(rows / 250'000) + ")";
}

long peak_rss_kib(const std::string& format, long rows) {
  CommandOptions options;
  options.discard_stdout = true;
  CommandResult r =
      run_sparkctl({"-q", "shell", "--remote", remote(), "-o", format, "-e", query(rows)}, options);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.peak_rss_kib;
}

class MemoryFlat : public ::testing::TestWithParam<const char*> {};

TEST_P(MemoryFlat, PeakRssAt20MRowsStaysBelowOneAndAHalfTimesThePeakAt2M) {
  const long small = peak_rss_kib(GetParam(), 2'000'000);
  const long large = peak_rss_kib(GetParam(), 20'000'000);
  std::printf("[          ] -o %s: peak RSS %.1f MiB at 2M rows, %.1f MiB at 20M rows\n",
              GetParam(), small / 1024.0, large / 1024.0);
  EXPECT_GT(small, 0);
  EXPECT_LT(large, small * 3 / 2) << "2M rows: " << small << " KiB, 20M rows: " << large << " KiB";
}

INSTANTIATE_TEST_SUITE_P(EachFormat, MemoryFlat,
                         ::testing::Values("csv", "json", "arrow", "table"));

}  // namespace
}  // namespace shell_test
