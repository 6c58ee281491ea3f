// `sparkctl shell` run as scripts use it (-e, stdin), in-process (the verb
// reads and writes the streams it is given), against one real local Spark
// Connect server that main() starts with `sparkctl server start` under this
// build tree's state dir and stops at the end (spark_server_env.cpp).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "in_process.hpp"
#include "shell_test_support.hpp"

namespace shell_test {

using sparkctl::testing::CommandOptions;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_in_process;

namespace {

CommandResult shell(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), {"shell", "--remote", remote()});
  CommandOptions options;
  options.stdin_text = stdin_text;
  return run_in_process(args, options);
}

// Spark's show(truncate=False): nothing cut, values left-aligned.
TEST(ShellBatch, TableOutputLooksLikeSparkShow) {
  CommandResult r = shell({"-e", "SELECT 1 AS a, 'x' AS b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "+---+---+\n"
            "|a  |b  |\n"
            "+---+---+\n"
            "|1  |x  |\n"
            "+---+---+\n");
  EXPECT_EQ(r.err, "");
}

TEST(ShellBatch, CsvOutputQuotesWhatNeedsIt) {
  CommandResult r =
      shell({"-o", "csv", "-e",
             "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'say \"hi\", then go' ORDER BY a; "
             "SELECT CAST(NULL AS INT) AS n"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "a,b\n"
            "1,x\n"
            "2,\"say \"\"hi\"\", then go\"\n"
            "n\n"
            "\n");
}

TEST(ShellBatch, JsonOutputIsOneObjectPerRow) {
  CommandResult r =
      shell({"-o", "json", "-e",
             "SELECT 1 AS a, 'x' AS b, true AS c, CAST(NULL AS STRING) AS d, 1.5D AS e "
             "UNION ALL SELECT 2, 'y', false, 'z', -0.25D ORDER BY a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null,\"e\":1.5}\n"
            "{\"a\":2,\"b\":\"y\",\"c\":false,\"d\":\"z\",\"e\":-0.25}\n");
}

TEST(ShellBatch, StdinScriptRunsEveryStatementInOrder) {
  const std::string script =
      "-- a script: a view, then two queries on one line\n"
      "CREATE OR REPLACE TEMPORARY VIEW fruit AS\n"
      "  SELECT * FROM VALUES (1, 'apple;pie'), (2, 'pear') AS t(id, name);\n"
      "SELECT id, name FROM fruit ORDER BY id; SELECT count(*) AS n /* ; */ FROM fruit;\n"
      "SELECT 'last' AS w\n";
  CommandResult r = shell({}, script);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "+---+---------+\n"
            "|id |name     |\n"
            "+---+---------+\n"
            "|1  |apple;pie|\n"
            "|2  |pear     |\n"
            "+---+---------+\n"
            "+---+\n"
            "|n  |\n"
            "+---+\n"
            "|2  |\n"
            "+---+\n"
            "+----+\n"
            "|w   |\n"
            "+----+\n"
            "|last|\n"
            "+----+\n");
}

// Spark's words: the first line with SQLSTATE and position, then the
// statement with a caret under the spot; no Java class, no stack trace.
TEST(ShellBatch, BadStatementStopsTheScriptWithSparksMessageAndACaret) {
  CommandResult r = shell({"-o", "csv"}, "SELECT 1 AS a;\nSELECT 1 +;\nSELECT 2 AS never;\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "a\n1\n");  // what ran before the error, nothing after
  EXPECT_EQ(r.err,
            "sparkctl: error: [PARSE_SYNTAX_ERROR] Syntax error at or near end of input. "
            "SQLSTATE: 42601 (line 1, pos 10)\n\n== SQL ==\nSELECT 1 +\n----------^^^\n");
}

TEST(ShellBatch, AnalysisErrorPointsIntoTheQuery) {
  CommandResult r = shell({"-e", "SELECT no_such_column FROM range(3)"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("sparkctl: error: [UNRESOLVED_COLUMN.WITH_SUGGESTION] ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("SQLSTATE: 42703"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n\n== SQL (line 1, position 8) ==\nSELECT no_such_column FROM range(3)\n"
                       "       ^^^^^^^^^^^^^^\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("'Project"), std::string::npos) << r.err;  // no plan dump
  EXPECT_EQ(r.err.find("org.apache"), std::string::npos) << r.err;
}

TEST(ShellBatch, UnreachableServerIsExitCode3) {
  CommandResult r = run_in_process({"shell", "--remote", "sc://127.0.0.1:1", "-e", "SELECT 1"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cannot reach the Spark Connect server at 127.0.0.1:1"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ShellBatch, ErrorsNeverShowTheToken) {
  CommandResult r =
      run_in_process({"--verbose", "shell", "--remote",
                      "sc://127.0.0.1:1/;token=s3cret-value;use_ssl=false", "-e", "SELECT 1"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.err.find("s3cret-value"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("token=***"), std::string::npos) << r.err;
}

TEST(ShellBatch, UsageErrorsAreExitCode2) {
  EXPECT_EQ(shell({"-o", "xml", "-e", "SELECT 1"}).exit_code, 2);
  EXPECT_EQ(shell({"--app", "x", "-e", "SELECT 1"}).exit_code, 2);  // --remote excludes --app
  EXPECT_EQ(run_in_process({"shell", "-n", "spark", "-e", "SELECT 1"}).exit_code,
            2);  // -n needs --app
  CommandResult bad = run_in_process({"shell", "--remote", "http://x", "-e", "SELECT 1"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST(ShellBatch, RemoteFromTheEnvironmentLikeRun) {
  CommandOptions options;
  options.env["SPARKCTL_REMOTE"] = remote();
  CommandResult r = run_in_process({"shell", "-o", "csv", "-e", "SELECT 7 AS seven"}, options);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "seven\n7\n");
}

TEST(ShellBatch, WithoutRemoteUsesTheWarmServerLikeRun) {
  CommandResult r = run_in_process({"shell", "-o", "csv", "-e", "SELECT 8 AS eight"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "eight\n8\n");
  EXPECT_NE(r.err.find("using the warm Spark Connect server at " + remote()), std::string::npos)
      << r.err;
}

}  // namespace

}  // namespace shell_test
