// survival_report through the real binary on the warm local server of the
// jobs fixture, with the shipped data/titanic.csv: the printed rates (women
// 0.742, men 0.189), the class table, and the Parquet output partitioned
// by class, read back.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "command_runner.hpp"
#include "in_process.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "warm_server_options.hpp"

namespace sparkctl::jobs {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

class SurvivalReport : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test: ctest runs them in parallel.
    output_ = fs::path(TEST_OUTPUT_DIR) /
              ("survival_report-" +
               std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(output_);
  }
  void TearDown() override { fs::remove_all(output_); }

  CommandResult run(std::vector<std::string> args) {
    std::vector<std::string> argv = {"run", "--job", "survival_report", "--job-args",
                                     "output=" + output_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_in_process(argv, warm_server());
  }

  fs::path output_;
};

TEST_F(SurvivalReport, PrintsTheRatesOfWomenAndMenAndWritesParquetByClass) {
  const CommandResult result = run({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Survival rate of women: 0.742\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Survival rate of men: 0.189\n"), std::string::npos) << result.out;
  // The class table, names from the lookup table, rates with three decimals.
  EXPECT_NE(result.out.find("|     1| first|       216|      136|        0.630|"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("|     3| third|       491|      119|        0.242|"),
            std::string::npos);
  // Fare ranks: the three who paid 512.33 share first class's rank 1.
  EXPECT_NE(result.out.find("| first|        1|512.3292|    Ward, Miss. Anna|       1|"),
            std::string::npos);
  EXPECT_NE(result.out.find("Wrote 891 passengers"), std::string::npos);

  std::set<std::string> partitions;
  for (const auto& entry : fs::directory_iterator(output_)) {
    if (entry.is_directory()) partitions.insert(entry.path().filename().string());
  }
  EXPECT_EQ(partitions, (std::set<std::string>{"class=first", "class=second", "class=third"}));

  ::setenv("SPARKCTL_STATE_DIR", TEST_SPARK_STATE_DIR, 1);
  const auto warm = runtime::live_server();
  ASSERT_TRUE(warm.has_value());
  auto spark = connect::Session::open(warm->remote());
  using namespace connect::functions;
  const auto written = spark.read().parquet(output_.string());
  EXPECT_EQ(written.count(), 891);
  EXPECT_EQ(written.filter(col("class") == "second").count(), 184);
  const auto top = written.filter(col("class") == "first" && col("fare_rank") == 1).collect();
  EXPECT_EQ(top.size(), 3u);
  EXPECT_EQ(written.schema().field("fare_rank").data_type, connect::IntegerType());
  spark.close();
}

TEST_F(SurvivalReport, WriteFalseOnlyPrints) {
  const CommandResult result = run({"write=false", "top=1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Survival rate of women: 0.742"), std::string::npos);
  EXPECT_EQ(result.out.find("Wrote"), std::string::npos);
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(SurvivalReport, ABadBooleanIsAUsageError) {
  const CommandResult result = run({"write=perhaps"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("jobs.survival_report.write"), std::string::npos) << result.err;
}

TEST_F(SurvivalReport, AMissingInputNamesIt) {
  const CommandResult result = run({"input=/nonexistent/titanic.csv"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("survival_report: cannot read /nonexistent/titanic.csv"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(output_));
}

}  // namespace
}  // namespace sparkctl::jobs
