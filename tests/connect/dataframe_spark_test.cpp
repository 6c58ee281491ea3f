// The DataFrame API on a real Spark server, one test per area: local data
// in and rows out, joins and set operations, windows, grouping, missing
// values, partitions and caching, plans, views and the catalog, SQL
// parameters, and the reader and writer. (The plans themselves are
// checked offline in plans/.)
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "spark_server.hpp"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/window.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;
namespace fs = std::filesystem;

class DataFrameOnSpark : public testing::SessionSuite {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sparkctl-dataframe-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Session& spark() { return session(); }
  DataFrame people() {
    return spark().create_data_frame({{1, "ann", "f", 34, 1},
                                      {2, "bob", "m", 19, 2},
                                      {3, "cy", "m", nullptr, 2},
                                      {4, "di", "f", 51, 3}},
                                     StructType({{"id", LongType(), false},
                                                 {"name", StringType()},
                                                 {"sex", StringType()},
                                                 {"age", IntegerType()},
                                                 {"dept", IntegerType()}}));
  }
  DataFrame depts() {
    return spark().create_data_frame(
        {{1, "sales"}, {2, "ops"}, {4, "legal"}},
        StructType({{"dept", IntegerType()}, {"title", StringType()}}));
  }
  // Each row as show() prints it, "a|b|c", in order.
  static std::vector<std::string> lines(const DataFrame& df) {
    std::vector<std::string> out;
    for (const Row& row : df.collect()) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) line += (i ? "|" : "") + row[i].to_string();
      out.push_back(line);
    }
    return out;
  }
  using Lines = std::vector<std::string>;

  fs::path dir_;
};

TEST_F(DataFrameOnSpark, LocalRowsInAndRowsOut) {
  const DataFrame df = people();
  EXPECT_EQ(df.schema(), StructType({{"id", LongType(), false},
                                     {"name", StringType()},
                                     {"sex", StringType()},
                                     {"age", IntegerType()},
                                     {"dept", IntegerType()}}));
  const Rows rows = df.order_by("id").collect();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].get_string("name"), "ann");
  EXPECT_TRUE(rows[2].is_null("age"));
  const std::optional<Row> first = df.order_by(desc("age")).first();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->get_string("name"), "di");
  EXPECT_EQ(df.take(2).size(), 2u);
  EXPECT_FALSE(df.is_empty());
  EXPECT_TRUE(df.filter(col("id") > 10).is_empty());
  EXPECT_FALSE(df.filter(col("id") > 10).first().has_value());
  std::int64_t sum_of_ids = 0;
  EXPECT_EQ(spark().range(100000).for_each_row([&](const Row& r) { sum_of_ids += r.get_long(0); }),
            100000);
  EXPECT_EQ(sum_of_ids, 100000LL * 99999 / 2);
  EXPECT_EQ(df.columns(), (std::vector<std::string>{"id", "name", "sex", "age", "dept"}));
}

TEST_F(DataFrameOnSpark, JoinsOfEachType) {
  const auto names = [&](JoinType how) {
    return lines(people().join(depts(), "dept", how).select("name").order_by("name"));
  };
  EXPECT_EQ(names(JoinType::inner), (Lines{"ann", "bob", "cy"}));
  EXPECT_EQ(names(JoinType::left), (Lines{"ann", "bob", "cy", "di"}));
  EXPECT_EQ(names(JoinType::right), (Lines{"NULL", "ann", "bob", "cy"}));
  EXPECT_EQ(names(JoinType::full), (Lines{"NULL", "ann", "bob", "cy", "di"}));
  EXPECT_EQ(names(JoinType::left_semi), (Lines{"ann", "bob", "cy"}));
  EXPECT_EQ(names(JoinType::left_anti), (Lines{"di"}));
  const DataFrame p = people(), d = depts();
  EXPECT_EQ(lines(p.join(d, p["dept"] == d["dept"] && d["title"] == "ops")
                      .select(p["name"], d["title"])
                      .order_by(p["name"])),
            (Lines{"bob|ops", "cy|ops"}));
  EXPECT_EQ(p.cross_join(d).count(), 12);
}

TEST_F(DataFrameOnSpark, SetOperationsKeepOrDropDuplicates) {
  const DataFrame a = spark().range(0, 4), b = spark().range(2, 6);
  EXPECT_EQ(a.union_all(b).count(), 8);
  EXPECT_EQ(a.union_all(b).distinct().count(), 6);
  EXPECT_EQ(lines(a.intersect(b).order_by("id")), (Lines{"2", "3"}));
  EXPECT_EQ(lines(a.subtract(b).order_by("id")), (Lines{"0", "1"}));
  EXPECT_EQ(a.union_all(a).intersect_all(a.union_all(a)).count(), 8);
  EXPECT_EQ(a.union_all(a).except_all(a).count(), 4);
  const DataFrame x = spark().sql("SELECT 1 AS a, 2 AS b"), y = spark().sql("SELECT 3 AS b");
  EXPECT_EQ(lines(x.union_by_name(y, true).order_by("b")), (Lines{"1|2", "NULL|3"}));
  EXPECT_THROW(x.union_by_name(y).collect(), SparkError);
}

TEST_F(DataFrameOnSpark, WindowsRankAndRunningTotals) {
  const auto by_sex = Window::partition_by("sex").order_by(col("age").desc_nulls_last());
  EXPECT_EQ(
      lines(people()
                .with_column("rank", rank().over(by_sex))
                .with_column("running", sum("age").over(by_sex.rows_between(
                                            Window::unbounded_preceding, Window::current_row)))
                .select("name", "rank", "running")
                .order_by("name")),
      (Lines{"ann|2|85", "bob|1|19", "cy|2|19", "di|1|51"}));
  EXPECT_EQ(lines(people().select(count("*").over().alias("n")).limit(1)), (Lines{"4"}));
}

TEST_F(DataFrameOnSpark, GroupingRollupCubeAndPivot) {
  EXPECT_EQ(lines(people()
                      .group_by("sex")
                      .agg(count("*").alias("n"), round(avg("age"), 1).alias("mean_age"))
                      .order_by("sex")),
            (Lines{"f|2|42.5", "m|2|19.0"}));
  EXPECT_EQ(lines(people().group_by("sex").max("age").order_by("sex")), (Lines{"f|51", "m|19"}));
  // (f,1) (m,2) (f,3), a subtotal per sex and the grand total.
  EXPECT_EQ(people().rollup("sex", "dept").count().count(), 6);
  EXPECT_EQ(people().cube("sex").count().count(), 3);
  EXPECT_EQ(lines(people().group_by("dept").pivot("sex", {"f", "m"}).count().order_by("dept")),
            (Lines{"1|1|NULL", "2|NULL|2", "3|1|NULL"}));
  EXPECT_EQ(people().group_by("sex").pivot("dept").sum("age").columns(),
            (std::vector<std::string>{"sex", "1", "2", "3"}));
}

TEST_F(DataFrameOnSpark, MissingValuesAndCleaning) {
  EXPECT_EQ(lines(people().na().fill(0, {"age"}).select("age").order_by("id")),
            (Lines{"34", "19", "0", "51"}));
  EXPECT_EQ(people().na().drop().count(), 3);
  EXPECT_EQ(people().na().drop(NaHow::all, {"age"}).count(), 3);
  EXPECT_EQ(
      lines(people().na().replace("m", "male", {"sex"}).select("sex").distinct().order_by("sex")),
      (Lines{"f", "male"}));
  EXPECT_EQ(people().drop_duplicates({"sex"}).count(), 2);
  EXPECT_EQ(people().drop("age", "dept").columns(),
            (std::vector<std::string>{"id", "name", "sex"}));
  EXPECT_EQ(people().with_column_renamed("name", "who").columns()[1], "who");
  EXPECT_EQ(lines(people().select_expr({"upper(name)"}).where("id = 1")), (Lines{"ANN"}));
  EXPECT_EQ(lines(people()
                      .filter(col("name").isin("ann", "di") && col("age").between(40, 60))
                      .select("name")),
            (Lines{"di"}));
}

TEST_F(DataFrameOnSpark, PartitionsSamplingAndCaching) {
  const DataFrame df = spark().range(0, 1000, 1, 4);
  EXPECT_EQ(df.repartition(3).select(spark_partition_id().alias("p")).distinct().count(), 3);
  EXPECT_EQ(df.coalesce(1).select(spark_partition_id()).distinct().count(), 1);
  EXPECT_EQ(df.repartition(2, {"id"}).count(), 1000);
  const std::int64_t sampled = df.sample(0.5, 7).count();
  EXPECT_GT(sampled, 400);
  EXPECT_LT(sampled, 600);
  EXPECT_EQ(df.sample(0.5, 7).count(), sampled) << "the same seed samples the same rows";
  const DataFrame cached = df.filter(col("id") % 7 == 0).cache();
  EXPECT_EQ(cached.count(), 143);
  cached.unpersist(true);
  EXPECT_EQ(df.offset(990).count(), 10);
}

TEST_F(DataFrameOnSpark, SchemaAndPlansAsSparkPrintsThem) {
  std::ostringstream printed;
  people().print_schema(printed);
  EXPECT_EQ(printed.str(), people().schema().tree_string());
  EXPECT_EQ(printed.str(),
            "root\n |-- id: long (nullable = false)\n |-- name: string (nullable = true)\n"
            " |-- sex: string (nullable = true)\n |-- age: integer (nullable = true)\n"
            " |-- dept: integer (nullable = true)\n");
  const std::string plan = spark().range(10).filter(col("id") > 5).explain_string();
  EXPECT_NE(plan.find("== Physical Plan =="), std::string::npos) << plan;
  EXPECT_NE(
      spark().range(10).explain_string(ExplainMode::extended).find("== Analyzed Logical Plan =="),
      std::string::npos);
  std::ostringstream shown;
  spark().sql("SELECT array(1, 2) AS xs, named_struct('a', 1) AS s").show(1, shown);
  EXPECT_EQ(shown.str(), "+------+---+\n|    xs|  s|\n+------+---+\n|[1, 2]|{1}|\n+------+---+\n");
}

TEST_F(DataFrameOnSpark, ViewsSqlParametersAndTheCatalog) {
  people().create_or_replace_temp_view("people_view");
  EXPECT_EQ(spark().sql("SELECT count(*) FROM people_view").first()->get_long(0), 4);
  EXPECT_EQ(spark()
                .sql("SELECT name FROM people_view WHERE age > :min AND sex = :sex",
                     {{"min", 30}, {"sex", "f"}})
                .count(),
            2);
  EXPECT_EQ(
      lines(spark().sql("SELECT name FROM people_view WHERE id IN (?, ?) ORDER BY name", {1, 4})),
      (Lines{"ann", "di"}));
  EXPECT_THROW(people().create_temp_view("people_view"), SparkError);
  auto catalog = spark().catalog();
  EXPECT_TRUE(catalog.table_exists("people_view"));
  bool listed = false;
  for (const auto& t : catalog.list_tables()) {
    if (t.name == "people_view") listed = t.is_temporary;
  }
  EXPECT_TRUE(listed);
  const auto columns = catalog.list_columns("people_view");
  ASSERT_EQ(columns.size(), 5u);
  EXPECT_EQ(columns[3].name, "age");
  EXPECT_EQ(columns[3].data_type, "int");
  EXPECT_EQ(catalog.current_database(), "default");
  bool has_default = false;
  for (const auto& db : catalog.list_databases()) has_default |= db.name == "default";
  EXPECT_TRUE(has_default);
  EXPECT_TRUE(catalog.function_exists("upper"));
  EXPECT_TRUE(catalog.drop_temp_view("people_view"));
  EXPECT_FALSE(catalog.table_exists("people_view"));
  EXPECT_FALSE(catalog.drop_temp_view("people_view"));
  people().create_or_replace_global_temp_view("people_global");
  EXPECT_EQ(spark().table("global_temp.people_global").count(), 4);
  EXPECT_TRUE(catalog.drop_global_temp_view("people_global"));
}

TEST_F(DataFrameOnSpark, ReaderAndWriterRoundTrips) {
  const std::string base = dir_.string();
  people().write().mode(SaveMode::overwrite).partition_by({"sex"}).parquet(base + "/by_sex");
  EXPECT_TRUE(fs::is_directory(base + "/by_sex/sex=f"));
  EXPECT_TRUE(fs::is_directory(base + "/by_sex/sex=m"));
  EXPECT_EQ(spark().read().parquet(base + "/by_sex").filter(col("sex") == "m").count(), 2);
  EXPECT_THROW(people().write().parquet(base + "/by_sex"), SparkError) << "error if exists";
  people().write().mode(SaveMode::append).partition_by({"sex"}).parquet(base + "/by_sex");
  EXPECT_EQ(spark().read().parquet(base + "/by_sex").count(), 8);

  people().select("name").write().text(base + "/names");
  EXPECT_EQ(lines(spark().read().text(base + "/names").order_by("value")),
            (Lines{"ann", "bob", "cy", "di"}));
  people().write().orc(base + "/orc");
  EXPECT_EQ(spark().read().orc(base + "/orc").count(), 4);
  people().write().options({{"header", "true"}}).csv(base + "/csv");
  const DataFrame csv = spark()
                            .read()
                            .options({{"header", "true"}})
                            .schema(StructType({{"id", LongType()},
                                                {"name", StringType()},
                                                {"sex", StringType()},
                                                {"age", IntegerType()},
                                                {"dept", IntegerType()}}))
                            .csv(base + "/csv");
  EXPECT_EQ(csv.schema()[3].data_type, IntegerType());
  EXPECT_EQ(csv.filter(col("age").is_null()).count(), 1);

  // Tables in a database of the test's own, dropped at the end.
  spark().sql("CREATE DATABASE sparkctl_test LOCATION '" + base + "/warehouse'");
  people().write().bucket_by(2, {"id"}).sort_by({"id"}).save_as_table("sparkctl_test.people");
  EXPECT_TRUE(spark().catalog().table_exists("people", "sparkctl_test"));
  people().filter(col("id") == 1).write().insert_into("sparkctl_test.people");
  EXPECT_EQ(spark().table("sparkctl_test.people").count(), 5);
  people().write().insert_into("sparkctl_test.people", true);
  EXPECT_EQ(spark().table("sparkctl_test.people").count(), 4);
  spark().sql("DROP DATABASE sparkctl_test CASCADE");
  EXPECT_FALSE(spark().catalog().database_exists("sparkctl_test"));
}

}  // namespace
}  // namespace sparkctl::connect
