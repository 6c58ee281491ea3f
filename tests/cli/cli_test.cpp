// The CLI contract end to end, through the real binary: version, help and a
// usage error's exit code. The verbs themselves are tested in-process
// (config_verbs_test.cpp, the top level in top_level_test.cpp).
#include <gtest/gtest.h>

#include "command_runner.hpp"

using sparkctl::testing::run_sparkctl;

namespace {

TEST(Cli, VersionNamesTheCommit) {
  auto result = run_sparkctl({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("sparkctl 0.1.0 (commit "), std::string::npos) << result.out;
}

TEST(Cli, HelpListsVerbsAndExitCodes) {
  auto result = run_sparkctl({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* verb : {"run", "jobs", "config", "server"}) {
    EXPECT_NE(result.out.find(std::string("  ") + verb), std::string::npos) << verb;
  }
  EXPECT_NE(result.out.find("2 usage"), std::string::npos);
}

TEST(Cli, VerbHelpShowsDefaults) {
  auto result = run_sparkctl({"jobs", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("table"), std::string::npos) << result.out;
}

TEST(Cli, NoVerbIsAUsageError) {
  EXPECT_EQ(run_sparkctl({}).exit_code, 2);
  EXPECT_EQ(run_sparkctl({"frobnicate"}).exit_code, 2);
}

}  // namespace
