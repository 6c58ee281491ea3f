// Offline: what the generated functions send. Each call below is one
// PySpark parameter kind; the names are Spark's.
#include <gtest/gtest.h>

#include "plan_text.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;
using testing::text;

const spark::connect::Expression::UnresolvedFunction& function_of(const Column& c) {
  return c.expression().unresolved_function();
}

std::vector<std::string> arguments_of(const Column& c) {
  std::vector<std::string> out;
  for (const auto& a : function_of(c).arguments()) out.push_back(text(a));
  return out;
}

using Args = std::vector<std::string>;
const char* const attr_x = R"(unresolved_attribute { unparsed_identifier: "x" })";

TEST(FunctionsPlan, ColumnOrNameTakesBoth) {
  EXPECT_EQ(text(upper("x")), text(upper(col("x"))));
  EXPECT_EQ(function_of(upper("x")).function_name(), "upper");
  EXPECT_EQ(arguments_of(upper("x")), Args{attr_x});
}

TEST(FunctionsPlan, TypedLiteralsAndOptionalParameters) {
  EXPECT_EQ(arguments_of(round("x")), Args{attr_x});
  EXPECT_EQ(arguments_of(round("x", 2)), (Args{attr_x, "literal { integer: 2 }"}));
  EXPECT_EQ(arguments_of(round("x", col("n"))),
            (Args{attr_x, R"(unresolved_attribute { unparsed_identifier: "n" })"}));
  // Python ints beyond 32 bits travel as BIGINT, as PySpark sends them.
  EXPECT_EQ(arguments_of(date_add("x", 5000000000LL))[1], "literal { long: 5000000000 }");
  // A string in a Union[Column, str] parameter is a value, in ColumnOrName a name.
  EXPECT_EQ(arguments_of(instr("x", "ab"))[1], R"(literal { string: "ab" })");
  EXPECT_EQ(arguments_of(date_add("x", "n"))[1],
            R"(unresolved_attribute { unparsed_identifier: "n" })");
  // Defaults are sent as PySpark sends them.
  EXPECT_EQ(arguments_of(lag("x")), (Args{attr_x, "literal { integer: 1 }"}));
  EXPECT_EQ(arguments_of(first("x")), (Args{attr_x, "literal { boolean: false }"}));
  EXPECT_EQ(arguments_of(lag("x", 2, 0)).size(), 3u);
}

TEST(FunctionsPlan, VariadicParametersOneByOneOrAsAList) {
  EXPECT_EQ(arguments_of(concat("x", col("y"), lit("!"))).size(), 3u);
  EXPECT_EQ(text(concat("x", "y")), text(concat({"x", "y"})));
  EXPECT_EQ(arguments_of(concat_ws("-", "x", "y")),
            (Args{R"(literal { string: "-" })", attr_x,
                  R"(unresolved_attribute { unparsed_identifier: "y" })"}));
  EXPECT_EQ(arguments_of(json_tuple("x", "a", "b"))[2], R"(literal { string: "b" })");
  EXPECT_EQ(function_of(struct_("x", "y")).function_name(), "struct");
  EXPECT_EQ(function_of(create_map(lit("k"), "x")).function_name(), "map");
}

TEST(FunctionsPlan, DistinctAggregatesAndCountingRows) {
  EXPECT_EQ(function_of(count_distinct("x", "y")).function_name(), "count");
  EXPECT_TRUE(function_of(count_distinct("x")).is_distinct());
  EXPECT_TRUE(function_of(sum_distinct("x")).is_distinct());
  EXPECT_FALSE(function_of(sum("x")).is_distinct());
  EXPECT_EQ(arguments_of(count("*")), Args{"literal { integer: 1 }"});
  EXPECT_EQ(function_of(mean("x")).function_name(), "avg");
}

TEST(FunctionsPlan, ArgumentsInSparksOrder) {
  // PySpark's ltrim(col, trim) sends the trim string first.
  EXPECT_EQ(arguments_of(ltrim("x", lit("-"))), (Args{R"(literal { string: "-" })", attr_x}));
  EXPECT_EQ(function_of(log("x")).function_name(), "ln");
  EXPECT_EQ(arguments_of(log(2.0, "x")), (Args{"literal { double: 2 }", attr_x}));
}

TEST(FunctionsPlan, ListsOptionsAndSchemas) {
  EXPECT_EQ(
      arguments_of(percentile_approx("x", std::vector<double>{0.25, 0.75}))[1],
      R"(unresolved_function { function_name: "array" arguments { literal { double: 0.25 } } arguments { literal { double: 0.75 } } })");
  EXPECT_EQ(
      arguments_of(from_json("x", "a INT", {{"mode", "FAILFAST"}}))[2],
      R"(unresolved_function { function_name: "map" arguments { literal { string: "mode" } } arguments { literal { string: "FAILFAST" } } })");
  EXPECT_EQ(arguments_of(from_json("x", StructType({{"a", IntegerType()}})))[1],
            R"(literal { string: "STRUCT<`a`: INT>" })");
}

TEST(FunctionsPlan, LambdasBecomeLambdaFunctions) {
  const Column c = transform("xs", [](const Column& x) { return x + 1; });
  ASSERT_EQ(function_of(c).arguments_size(), 2);
  const auto& lambda = function_of(c).arguments(1).lambda_function();
  ASSERT_EQ(lambda.arguments_size(), 1);
  const std::string variable = lambda.arguments(0).name_parts(0);
  EXPECT_EQ(variable.substr(0, 2), "x_");
  EXPECT_EQ(
      text(lambda.function()),
      R"(unresolved_function { function_name: "+" arguments { unresolved_named_lambda_variable { name_parts: ")" +
          variable + R"(" } } arguments { literal { integer: 1 } } })");
  const Column indexed = transform("xs", [](const Column& x, const Column& i) { return x * i; });
  EXPECT_EQ(function_of(indexed).arguments(1).lambda_function().arguments_size(), 2);
  const Column folded =
      aggregate("xs", lit(0), [](const Column& acc, const Column& x) { return acc + x; });
  EXPECT_EQ(function_of(folded).arguments_size(), 3);
}

TEST(FunctionsPlan, CallByNameStaysForAnythingElse) {
  EXPECT_EQ(
      text(call_function("my_udf", "x", lit(1))),
      R"(unresolved_function { function_name: "my_udf" arguments { unresolved_attribute { unparsed_identifier: "x" } } arguments { literal { integer: 1 } } })");
}

}  // namespace
}  // namespace sparkctl::connect
