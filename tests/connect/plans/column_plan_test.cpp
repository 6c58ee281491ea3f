// Offline: the expressions Column operators and methods build, checked
// against what PySpark's Connect client sends for the same code.
#include <gtest/gtest.h>

#include "plan_text.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/window.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;
using testing::text;

const char* const attr_a = R"(unresolved_attribute { unparsed_identifier: "a" })";

std::string call(const std::string& name, const std::string& args) {
  return "unresolved_function { function_name: \"" + name + "\" " + args + " }";
}
std::string arg(const std::string& e) { return "arguments { " + e + " }"; }

TEST(ColumnPlan, ColumnsAndLiteralsOfEachCppType) {
  EXPECT_EQ(text(col("a")), attr_a);
  EXPECT_EQ(text(col("*")), "unresolved_star { }");
  EXPECT_EQ(text(col("t.*")), R"(unresolved_star { unparsed_target: "t.*" })");
  EXPECT_EQ(text(lit(1)), "literal { integer: 1 }");
  EXPECT_EQ(text(lit(1L)), "literal { long: 1 }");
  EXPECT_EQ(text(lit(std::int64_t{5})), "literal { long: 5 }");
  EXPECT_EQ(text(lit(short{3})), "literal { integer: 3 }");
  EXPECT_EQ(text(lit(1.5f)), "literal { float: 1.5 }");
  EXPECT_EQ(text(lit(1.5)), "literal { double: 1.5 }");
  EXPECT_EQ(text(lit(true)), "literal { boolean: true }");
  EXPECT_EQ(text(lit("x")), R"(literal { string: "x" })");
  EXPECT_EQ(text(lit(std::string("x"))), R"(literal { string: "x" })");
  EXPECT_EQ(text(lit(nullptr)), "literal { null { null { } } }");
  EXPECT_EQ(text(expr("a + 1")), R"(expression_string { expression: "a + 1" })");
}

TEST(ColumnPlan, OperatorsTakeLiteralsOnEitherSide) {
  EXPECT_EQ(text(col("a") + 1), call("+", arg(attr_a) + " " + arg("literal { integer: 1 }")));
  EXPECT_EQ(text(2.5 * col("a")), call("*", arg("literal { double: 2.5 }") + " " + arg(attr_a)));
  // A string is a value in comparisons, as in PySpark: col("sex") == "female".
  EXPECT_EQ(text(col("a") == "female"),
            call("==", arg(attr_a) + " " + arg(R"(literal { string: "female" })")));
  EXPECT_EQ(text(col("a") == true),
            call("==", arg(attr_a) + " " + arg("literal { boolean: true }")));
  EXPECT_EQ(text(col("a") != 1),
            call("not", arg(call("==", arg(attr_a) + " " + arg("literal { integer: 1 }")))));
  EXPECT_EQ(text(-col("a")), call("negative", arg(attr_a)));
  EXPECT_EQ(text(col("a") % 2 == 0),
            call("==", arg(call("%", arg(attr_a) + " " + arg("literal { integer: 2 }"))) + " " +
                           arg("literal { integer: 0 }")));
}

TEST(ColumnPlan, BooleanOperatorsInBothSpellings) {
  const Column x = col("a") > 1;
  const Column y = col("a") < 5;
  EXPECT_EQ(text(x && y), call("and", arg(text(x)) + " " + arg(text(y))));
  EXPECT_EQ(text(x & y), text(x && y));
  EXPECT_EQ(text(x || y), call("or", arg(text(x)) + " " + arg(text(y))));
  EXPECT_EQ(text(x | y), text(x || y));
  EXPECT_EQ(text(!x), call("not", arg(text(x))));
  EXPECT_EQ(text(~x), text(!x));
}

TEST(ColumnPlan, NamingAndCasting) {
  EXPECT_EQ(text(col("a").alias("b")),
            std::string("alias { expr { ") + attr_a + R"( } name: "b" })");
  EXPECT_EQ(
      text(col("a").cast(DecimalType(10, 2))),
      std::string("cast { expr { ") + attr_a + " } type { decimal { scale: 2 precision: 10 } } }");
  EXPECT_EQ(text(col("a").cast("bigint")),
            std::string("cast { expr { ") + attr_a + R"( } type_str: "bigint" })");
  EXPECT_EQ(text(col("a").try_cast(IntegerType())),
            std::string("cast { expr { ") + attr_a +
                " } type { integer { } } eval_mode: EVAL_MODE_TRY }");
}

TEST(ColumnPlan, PredicatesUseSparksFunctionNames) {
  EXPECT_EQ(text(col("a").is_null()), call("isNull", arg(attr_a)));
  EXPECT_EQ(text(col("a").is_not_null()), call("isNotNull", arg(attr_a)));
  EXPECT_EQ(text(col("a").isin(1, 2)),
            call("in", arg(attr_a) + " " + arg("literal { integer: 1 }") + " " +
                           arg("literal { integer: 2 }")));
  EXPECT_EQ(text(col("a").isin("x")),
            call("in", arg(attr_a) + " " + arg(R"(literal { string: "x" })")));
  EXPECT_EQ(text(col("a").like("M%")),
            call("like", arg(attr_a) + " " + arg(R"(literal { string: "M%" })")));
  EXPECT_EQ(text(col("a").rlike("^M")),
            call("rlike", arg(attr_a) + " " + arg(R"(literal { string: "^M" })")));
  EXPECT_EQ(text(col("a").ilike("m%")),
            call("ilike", arg(attr_a) + " " + arg(R"(literal { string: "m%" })")));
  EXPECT_EQ(text(col("a").startswith("M")),
            call("startsWith", arg(attr_a) + " " + arg(R"(literal { string: "M" })")));
  EXPECT_EQ(text(col("a").endswith("r")),
            call("endsWith", arg(attr_a) + " " + arg(R"(literal { string: "r" })")));
  EXPECT_EQ(text(col("a").contains("iss")),
            call("contains", arg(attr_a) + " " + arg(R"(literal { string: "iss" })")));
  EXPECT_EQ(text(col("a").eq_null_safe(nullptr)),
            call("<=>", arg(attr_a) + " " + arg("literal { null { null { } } }")));
  EXPECT_EQ(text(col("a").between(1, 3)), text(col("a") >= 1 && col("a") <= 3));
  EXPECT_EQ(text(col("a").substr(1, 3)),
            call("substr", arg(attr_a) + " " + arg("literal { integer: 1 }") + " " +
                               arg("literal { integer: 3 }")));
}

TEST(ColumnPlan, NestedFieldsAndItems) {
  const std::string extract =
      std::string("unresolved_extract_value { child { ") + attr_a + " } extraction { ";
  EXPECT_EQ(text(col("a").get_field("b")), extract + R"(literal { string: "b" } } })");
  EXPECT_EQ(text(col("a").get_item(0)), extract + "literal { integer: 0 } } }");
  EXPECT_EQ(text(col("a")["k"]), text(col("a").get_item("k")));
  EXPECT_EQ(text(col("a").with_field("b", lit(1))),
            std::string("update_fields { struct_expression { ") + attr_a +
                R"( } field_name: "b" value_expression { literal { integer: 1 } } })");
  EXPECT_EQ(text(col("a").drop_fields({"b"})), std::string("update_fields { struct_expression { ") +
                                                   attr_a + R"( } field_name: "b" })");
}

TEST(ColumnPlan, CaseWhenChains) {
  const Column c = when(col("a") < 2, "low").when(col("a") < 3, "mid").otherwise("high");
  const auto& f = c.expression().unresolved_function();
  EXPECT_EQ(f.function_name(), "when");
  ASSERT_EQ(f.arguments_size(), 5);
  EXPECT_EQ(text(f.arguments(1)), R"(literal { string: "low" })");
  EXPECT_EQ(text(f.arguments(4)), R"(literal { string: "high" })");
  EXPECT_THROW(c.otherwise("again"), Error);
  EXPECT_THROW(col("a").when(col("a") > 1, 2), Error);
}

TEST(ColumnPlan, SortOrdersKeepSparksNullDefaults) {
  const std::string child = std::string("sort_order { child { ") + attr_a + " } ";
  EXPECT_EQ(text(col("a").asc()),
            child + "direction: SORT_DIRECTION_ASCENDING null_ordering: SORT_NULLS_FIRST }");
  EXPECT_EQ(text(desc("a")),
            child + "direction: SORT_DIRECTION_DESCENDING null_ordering: SORT_NULLS_LAST }");
  EXPECT_EQ(text(col("a").desc_nulls_first()),
            child + "direction: SORT_DIRECTION_DESCENDING null_ordering: SORT_NULLS_FIRST }");
  EXPECT_EQ(text(asc_nulls_last("a")),
            child + "direction: SORT_DIRECTION_ASCENDING null_ordering: SORT_NULLS_LAST }");
}

TEST(ColumnPlan, WindowsCarryPartitionsOrderAndFrame) {
  const auto spec = Window::partition_by("p")
                        .order_by(col("f").desc())
                        .rows_between(Window::unbounded_preceding, Window::current_row);
  const Column c = rank().over(spec);
  const auto& w = c.expression().window();
  EXPECT_EQ(text(w.window_function()), R"(unresolved_function { function_name: "rank" })");
  ASSERT_EQ(w.partition_spec_size(), 1);
  EXPECT_EQ(text(w.partition_spec(0)), R"(unresolved_attribute { unparsed_identifier: "p" })");
  ASSERT_EQ(w.order_spec_size(), 1);
  EXPECT_EQ(w.order_spec(0).direction(),
            spark::connect::Expression::SortOrder::SORT_DIRECTION_DESCENDING);
  EXPECT_EQ(text(w.frame_spec()),
            "frame_type: FRAME_TYPE_ROW lower { unbounded: true } upper { current_row: true }");
  const Column moving = sum("x").over(Window::order_by("d").range_between(-3, 3));
  EXPECT_EQ(text(moving.expression().window().frame_spec()),
            "frame_type: FRAME_TYPE_RANGE lower { value { literal { long: -3 } } } upper { value { "
            "literal { long: 3 } } }");
  // Names in order_by sort ascending.
  EXPECT_EQ(moving.expression().window().order_spec(0).direction(),
            spark::connect::Expression::SortOrder::SORT_DIRECTION_ASCENDING);
  EXPECT_THROW(Window::rows_between(3, 1), Error);
  EXPECT_EQ(
      text(count("*").over()),
      R"(window { window_function { unresolved_function { function_name: "count" arguments { literal { integer: 1 } } } } })");
}

}  // namespace
}  // namespace sparkctl::connect
