// The generated functions against a real Spark server: every name they
// send is one Spark resolves, and a sample of parameter kinds computes
// what PySpark computes.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "spark_server.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/window.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;

std::set<std::string> generated_names() {
  std::ifstream in(SPARKCTL_FUNCTION_NAMES);
  std::set<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.insert(line);
  }
  return names;
}

class FunctionsOnSpark : public testing::SessionSuite {
 protected:
  static Session& spark() { return session(); }
};

TEST_F(FunctionsOnSpark, EveryGeneratedNameIsInSparksFunctionList) {
  std::set<std::string> server;
  for (const Row& row : spark().sql("SHOW FUNCTIONS").collect()) {
    server.insert(row.get_string(0));
  }
  ASSERT_GT(server.size(), 400u);
  const auto generated = generated_names();
  ASSERT_GT(generated.size(), 400u);
  // Spark Connect's planner resolves these itself (they are not in the SQL
  // registry); ResolvedByTheConnectPlanner runs each of them.
  const std::set<std::string> planner_functions = {"product", "timestampadd", "timestampdiff"};
  std::vector<std::string> unknown;
  for (const auto& name : generated) {
    if (!server.count(name) && !planner_functions.count(name)) unknown.push_back(name);
  }
  EXPECT_TRUE(unknown.empty()) << "not in SHOW FUNCTIONS: " << ::testing::PrintToString(unknown);
}

// The first row of a one-row query, as show() prints each value.
std::vector<std::string> first_row(const DataFrame& df) {
  const Rows rows = df.collect();
  std::vector<std::string> out;
  if (rows.empty()) return out;
  for (const Value& v : rows[0]) out.push_back(v.to_string());
  return out;
}

TEST_F(FunctionsOnSpark, ResolvedByTheConnectPlanner) {
  const DataFrame df =
      spark().range(1, 5).with_column("ts", to_timestamp(lit("2024-01-31 10:00:00")));
  EXPECT_EQ(first_row(df.agg(product("id"))), std::vector<std::string>{"24.0"});
  EXPECT_EQ(first_row(df.limit(1).select(timestamp_add("DAY", lit(1), "ts").cast("string"))),
            std::vector<std::string>{"2024-02-01 10:00:00"});
  EXPECT_EQ(first_row(df.limit(1).select(
                timestamp_diff("HOUR", "ts", to_timestamp(lit("2024-02-01 12:00:00"))))),
            std::vector<std::string>{"26"});
}

TEST_F(FunctionsOnSpark, ParameterKindsComputeWhatPySparkComputes) {
  const DataFrame df = spark().sql(
      "SELECT 2.345D AS x, 2 AS n, '  pad--' AS s, array(1, 2, 3) AS xs, '{\"a\": 7}' AS j, "
      "DATE'2024-02-28' AS d");
  EXPECT_EQ(first_row(df.select(round("x", 2), round(col("x"), lit(2)), round("x"))),
            (std::vector<std::string>{"2.35", "2.35", "2.0"}));
  EXPECT_EQ(
      first_row(df.select(date_add("d", 2).cast("string"), date_add("d", "n").cast("string"))),
      (std::vector<std::string>{"2024-03-01", "2024-03-01"}));
  EXPECT_EQ(first_row(df.select(rtrim("s", lit("-")), upper(ltrim("s")))),
            (std::vector<std::string>{"  pad", "PAD--"}));
  EXPECT_EQ(
      first_row(df.select(
          array_join(transform("xs", [](const Column& x) { return x * 10; }), ","),
          aggregate("xs", lit(0), [](const Column& acc, const Column& x) { return acc + x; }),
          array_join(filter("xs", [](const Column& x, const Column& i) { return i > 0; }), ","))),
      (std::vector<std::string>{"10,20,30", "6", "2,3"}));
  EXPECT_EQ(first_row(df.select(from_json("j", StructType({{"a", IntegerType()}})).get_field("a"),
                                from_json("j", "a INT", {{"mode", "FAILFAST"}})["a"])),
            (std::vector<std::string>{"7", "7"}));
  EXPECT_EQ(first_row(spark().range(1, 101).agg(
                percentile_approx("id", std::vector<double>{0.25, 0.75}).cast("string"),
                count_distinct("id"), count("*"))),
            (std::vector<std::string>{"[25, 75]", "100", "100"}));
}

}  // namespace
}  // namespace sparkctl::connect
