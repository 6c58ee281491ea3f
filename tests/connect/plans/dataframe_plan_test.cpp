// Offline: the relations DataFrame transformations build, as PySpark's
// Connect client builds them.
#include <gtest/gtest.h>

#include "plan_text.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;
using testing::offline_session;
using testing::text;

DataFrame people() { return offline_session().read().table("people"); }
const char* const people_text = R"(read { named_table { unparsed_identifier: "people" } })";
std::string input() { return std::string("input { ") + people_text + " }"; }

TEST(DataFramePlan, SelectTakesNamesAndColumnsOneByOneOrAsAList) {
  const DataFrame a = people().select("name", col("age") + 1);
  const DataFrame b = people().select({"name", col("age") + 1});
  EXPECT_EQ(text(a), text(b));
  EXPECT_EQ(a.relation().project().expressions_size(), 2);
  EXPECT_EQ(
      text(people().select_expr({"age * 2"})),
      "project { " + input() + R"( expressions { expression_string { expression: "age * 2" } } })");
}

TEST(DataFramePlan, ColumnsAddedRenamedAndDropped) {
  EXPECT_EQ(
      text(people().with_columns({{"a", lit(1)}, {"b", lit(2)}})),
      "with_columns { " + input() +
          R"( aliases { expr { literal { integer: 1 } } name: "a" } aliases { expr { literal { integer: 2 } } name: "b" } })");
  EXPECT_EQ(text(people().with_column_renamed("age", "years")),
            "with_columns_renamed { " + input() +
                R"( renames { col_name: "age" new_col_name: "years" } })");
  // Names (and col(name)) are dropped by name, a DataFrame's own column as a column.
  EXPECT_EQ(text(people().drop("age", col("t.name"))),
            "drop { " + input() + R"( column_names: "age" column_names: "t.name" })");
  const DataFrame df = people();
  EXPECT_EQ(df.drop(df["age"]).relation().drop().columns_size(), 1);
  EXPECT_EQ(text(people().to_df({"n", "a"})),
            "to_df { " + input() + R"( column_names: "n" column_names: "a" })");
}

TEST(DataFramePlan, ColumnsOfADataFrameAreTiedToItsPlan) {
  const DataFrame df = people();
  const Column id = df.col("id");
  EXPECT_EQ(id.expression().unresolved_attribute().plan_id(), df.relation().common().plan_id());
  EXPECT_EQ(df["id"].expression().unresolved_attribute().plan_id(),
            df.relation().common().plan_id());
  EXPECT_EQ(text(df.alias("p")), "subquery_alias { " + input() + R"( alias: "p" })");
}

TEST(DataFramePlan, RowsFilteredSortedAndLimited) {
  EXPECT_EQ(
      text(people().filter("age > 18")),
      "filter { " + input() + R"( condition { expression_string { expression: "age > 18" } } })");
  EXPECT_EQ(
      text(people().order_by("age", desc("name"))),
      "sort { " + input() +
          R"( order { child { unresolved_attribute { unparsed_identifier: "age" } } direction: SORT_DIRECTION_ASCENDING null_ordering: SORT_NULLS_FIRST } order { child { unresolved_attribute { unparsed_identifier: "name" } } direction: SORT_DIRECTION_DESCENDING null_ordering: SORT_NULLS_LAST } is_global: true })");
  EXPECT_FALSE(people().sort_within_partitions({"age"}).relation().sort().is_global());
  EXPECT_EQ(text(people().limit(5).offset(2)),
            "offset { input { limit { " + input() + " limit: 5 } } offset: 2 }");
  EXPECT_EQ(text(people().distinct()), "deduplicate { " + input() + " all_columns_as_keys: true }");
  EXPECT_EQ(text(people().drop_duplicates({"name"})),
            "deduplicate { " + input() + R"( column_names: "name" })");
  EXPECT_EQ(text(people().sample(0.1, 42)),
            "sample { " + input() + " upper_bound: 0.1 with_replacement: false seed: 42 }");
  EXPECT_THROW(people().limit(-1), Error);
  EXPECT_THROW(people().sample(1.5), Error);
}

TEST(DataFramePlan, SetOperationsAndTheirAllForms) {
  const auto op = [](const DataFrame& df) { return df.relation().set_op(); };
  const DataFrame other = offline_session().read().table("others");
  EXPECT_EQ(op(people().union_all(other)).set_op_type(),
            spark::connect::SetOperation::SET_OP_TYPE_UNION);
  EXPECT_TRUE(op(people().union_all(other)).is_all());
  EXPECT_EQ(text(people().union_(other)), text(people().union_all(other)));
  EXPECT_TRUE(op(people().union_by_name(other, true)).by_name());
  EXPECT_TRUE(op(people().union_by_name(other, true)).allow_missing_columns());
  EXPECT_FALSE(op(people().intersect(other)).is_all());
  EXPECT_TRUE(op(people().intersect_all(other)).is_all());
  EXPECT_EQ(op(people().subtract(other)).set_op_type(),
            spark::connect::SetOperation::SET_OP_TYPE_EXCEPT);
  EXPECT_FALSE(op(people().subtract(other)).is_all());
  EXPECT_TRUE(op(people().except_all(other)).is_all());
}

TEST(DataFramePlan, JoinsOfEveryTypeWithAConditionOrColumns) {
  const DataFrame other = offline_session().read().table("others");
  using J = spark::connect::Join;
  const std::pair<JoinType, J::JoinType> types[] = {
      {JoinType::inner, J::JOIN_TYPE_INNER},         {JoinType::left, J::JOIN_TYPE_LEFT_OUTER},
      {JoinType::right, J::JOIN_TYPE_RIGHT_OUTER},   {JoinType::full, J::JOIN_TYPE_FULL_OUTER},
      {JoinType::left_semi, J::JOIN_TYPE_LEFT_SEMI}, {JoinType::left_anti, J::JOIN_TYPE_LEFT_ANTI},
      {JoinType::cross, J::JOIN_TYPE_CROSS}};
  for (const auto& [ours, spark] : types) {
    EXPECT_EQ(people().join(other, "id", ours).relation().join().join_type(), spark);
  }
  const auto& using_columns = people().join(other, {"id", "day"}).relation().join();
  EXPECT_EQ(using_columns.using_columns_size(), 2);
  EXPECT_EQ(using_columns.join_type(), J::JOIN_TYPE_INNER);
  const auto& on =
      people().join(other, people()["id"] == other["id"], JoinType::left).relation().join();
  EXPECT_TRUE(on.has_join_condition());
  EXPECT_EQ(people().cross_join(other).relation().join().join_type(), J::JOIN_TYPE_CROSS);
}

TEST(DataFramePlan, GroupingRollupCubeAndPivot) {
  using A = spark::connect::Aggregate;
  const DataFrame g = people().group_by("sex").agg(avg("age").alias("mean_age"), count("*"));
  EXPECT_EQ(g.relation().aggregate().group_type(), A::GROUP_TYPE_GROUPBY);
  EXPECT_EQ(g.relation().aggregate().aggregate_expressions_size(), 2);
  EXPECT_EQ(people().rollup("a", "b").count().relation().aggregate().group_type(),
            A::GROUP_TYPE_ROLLUP);
  EXPECT_EQ(people().cube("a").count().relation().aggregate().group_type(), A::GROUP_TYPE_CUBE);
  const DataFrame p = people().group_by("year").pivot("quarter", {1, 2}).sum("revenue");
  EXPECT_EQ(p.relation().aggregate().group_type(), A::GROUP_TYPE_PIVOT);
  EXPECT_EQ(
      text(p.relation().aggregate().pivot()),
      R"(col { unresolved_attribute { unparsed_identifier: "quarter" } } values { integer: 1 } values { integer: 2 })");
  EXPECT_EQ(
      text(people().group_by("s").max("a", "b").relation().aggregate().aggregate_expressions(1)),
      R"(unresolved_function { function_name: "max" arguments { unresolved_attribute { unparsed_identifier: "b" } } })");
  EXPECT_THROW(people().rollup("a").pivot("b"), Error);
  EXPECT_THROW(people().group_by("a").pivot("b", {col("c")}), Error);
  EXPECT_THROW(people().group_by("a").agg(std::vector<Column>{}), Error);
}

TEST(DataFramePlan, PartitionsAndHints) {
  EXPECT_EQ(text(people().repartition(4)),
            "repartition { " + input() + " num_partitions: 4 shuffle: true }");
  EXPECT_EQ(text(people().coalesce(1)),
            "repartition { " + input() + " num_partitions: 1 shuffle: false }");
  EXPECT_EQ(
      text(people().repartition(3, {"sex"})),
      "repartition_by_expression { " + input() +
          R"( partition_exprs { unresolved_attribute { unparsed_identifier: "sex" } } num_partitions: 3 })");
  EXPECT_EQ(text(people().hint("broadcast")), "hint { " + input() + R"( name: "broadcast" })");
  EXPECT_THROW(people().repartition(0), Error);
}

TEST(DataFramePlan, MissingValues) {
  EXPECT_EQ(text(people().na().fill(0, {"age"})),
            "fill_na { " + input() + R"( cols: "age" values { long: 0 } })");
  EXPECT_EQ(text(people().na().fill({{"age", 0}, {"name", "?"}})),
            "fill_na { " + input() +
                R"( cols: "age" cols: "name" values { long: 0 } values { string: "?" } })");
  EXPECT_EQ(text(people().na().drop()), "drop_na { " + input() + " }");
  EXPECT_EQ(text(people().na().drop(NaHow::all)), "drop_na { " + input() + " min_non_nulls: 1 }");
  EXPECT_EQ(text(people().na().drop(2, {"a", "b"})),
            "drop_na { " + input() + R"( cols: "a" cols: "b" min_non_nulls: 2 })");
  EXPECT_EQ(
      text(people().na().replace("male", "m", {"sex"})),
      "replace { " + input() +
          R"( cols: "sex" replacements { old_value { string: "male" } new_value { string: "m" } } })");
  EXPECT_THROW(people().na().fill(col("x")), Error);
}

TEST(DataFramePlan, StatisticsAndReading) {
  EXPECT_EQ(text(people().describe({"age"})), "describe { " + input() + R"( cols: "age" })");
  EXPECT_EQ(text(people().summary({"min"})), "summary { " + input() + R"( statistics: "min" })");
  const DataFrame csv = offline_session()
                            .read()
                            .options({{"header", "true"}})
                            .schema(StructType({{"id", LongType(), false}, {"name", StringType()}}))
                            .csv("/data/people.csv");
  EXPECT_EQ(
      text(csv),
      R"(read { data_source { format: "csv" schema: "`id` BIGINT NOT NULL, `name` STRING" options { key: "header" value: "true" } paths: "/data/people.csv" } })");
  EXPECT_EQ(
      text(offline_session().read().jdbc("jdbc:h2:mem:x", "t", {{"user", "sa"}})),
      R"(read { data_source { format: "jdbc" options { key: "dbtable" value: "t" } options { key: "url" value: "jdbc:h2:mem:x" } options { key: "user" value: "sa" } } })");
}

}  // namespace
}  // namespace sparkctl::connect
