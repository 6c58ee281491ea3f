// The Spark Connect client against a real Spark server (see spark_server.hpp).
#include "sparkctl/connect/session.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "jobs/pi.hpp"
#include "spark_server.hpp"
#include "sparkctl/connect/client.hpp"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/connect/functions.hpp"

namespace sparkctl::connect {
namespace {

using namespace functions;

class SessionTest : public testing::SessionSuite {
 protected:
  Session& spark() { return session(); }
};

TEST_F(SessionTest, ReportsSparkVersionAndConfig) {
  EXPECT_EQ(spark().spark_version().substr(0, 2), "4.");
  EXPECT_EQ(spark().conf().get("spark.sql.session.timeZone"), "UTC");
  EXPECT_EQ(spark().conf().get("spark.sparkctl.unset", "fallback"), "fallback");
  EXPECT_FALSE(spark().conf().get_option("spark.sparkctl.unset").has_value());
}

TEST_F(SessionTest, PiIsComputedBySparkWithinOneHundredth) {
  for (const char* run : {"cold", "warm"}) {
    const auto start = std::chrono::steady_clock::now();
    const jobs::PiEstimate e = jobs::estimate_pi(spark(), 10);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cout << "[          ] pi (" << run << "): " << e.pi << " in " << took.count() << " s\n";
    EXPECT_EQ(e.samples, 1000000);
    EXPECT_NEAR(e.pi, M_PI, 0.01);
  }
}

TEST_F(SessionTest, EveryDecodedTypeRoundTrips) {
  const Rows t = spark()
                     .sql(
                         "SELECT CAST(9000000000 AS BIGINT) AS l, CAST(42 AS INT) AS i, "
                         "CAST(2.5 AS DOUBLE) AS d, 'héllo' AS s, true AS b, "
                         "CAST(NULL AS STRING) AS n, CAST(12345.67 AS DECIMAL(10,2)) AS dec, "
                         "DATE'2024-02-29' AS dt, TIMESTAMP'2024-02-29 12:34:56.789' AS ts")
                     .collect();
  ASSERT_EQ(t.schema().size(), 9u);
  ASSERT_EQ(t.size(), 1u);
  const Row& r = t[0];
  EXPECT_EQ(t.schema()[0].data_type, LongType());
  EXPECT_EQ(r.get_long("l"), 9000000000);
  EXPECT_EQ(t.schema()[1].data_type, IntegerType());
  EXPECT_EQ(r.get_int("i"), 42);
  EXPECT_EQ(r.get_double("d"), 2.5);
  EXPECT_EQ(r.get_string("s"), "héllo");
  EXPECT_EQ(r.get_bool("b"), true);
  EXPECT_TRUE(r.is_null("n"));
  const Decimal& dec = r.get_decimal("dec");
  EXPECT_EQ(static_cast<int64_t>(dec.unscaled), 1234567);
  EXPECT_EQ(dec.scale, 2);
  EXPECT_EQ(r[6].to_string(), "12345.67");
  EXPECT_EQ(r.get_date("dt").days, 19782);
  EXPECT_EQ(r[7].to_string(), "2024-02-29");
  EXPECT_EQ(r.get_timestamp("ts").micros, 1709210096789000);
  EXPECT_EQ(r[8].to_string(), "2024-02-29 12:34:56.789");
  EXPECT_EQ(r[5].to_string(), "NULL");
}

TEST_F(SessionTest, BadSqlIsSparkErrorWithClassAndThePointer) {
  try {
    spark().sql("SELEC 1").collect();
    FAIL() << "no error";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class(), "PARSE_SYNTAX_ERROR");
    EXPECT_EQ(e.sql_state(), "42601");
    EXPECT_EQ(std::string(e.what()),
              "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, "
              "pos 0)\n\n== SQL ==\nSELEC 1\n^^^");
    EXPECT_EQ(e.kind(), ErrorKind::job_failed);
  }
}

TEST_F(SessionTest, UnknownColumnIsSparkError) {
  try {
    spark().range(3).select({col("nope")}).collect();
    FAIL() << "no error";
  } catch (const SparkError& e) {
    EXPECT_EQ(e.error_class().rfind("UNRESOLVED_COLUMN", 0), 0u) << e.error_class();
  }
}

TEST_F(SessionTest, TransformationsAndAggregates) {
  const DataFrame df = spark().range(0, 10, 1, 2).with_column("even", col("id") % 2 == 0);
  EXPECT_EQ(df.count(), 10);
  EXPECT_EQ(df.filter(col("even")).count(), 5);
  const Rows g =
      df.group_by({col("even")})
          .agg({sum(col("id")).alias("s"), count(lit(1)).alias("n"), max(col("id")).alias("hi")})
          .order_by({col("even").desc()})
          .collect();
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].get_bool(0), true);
  EXPECT_EQ(g[0].get_long("s"), 20);  // 0+2+4+6+8
  EXPECT_EQ(g[1].get_long("hi"), 9);
  const Rows w = spark()
                     .range(4)
                     .select({col("id"), when(col("id") < 2, lit("low"))
                                             .when(col("id") < 3, lit("mid"))
                                             .otherwise(lit("high"))
                                             .alias("band")})
                     .limit(3)
                     .collect();
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[2].get_string("band"), "mid");
  const StructType s = df.schema();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].name, "id");
  EXPECT_EQ(s[0].data_type, LongType());
  EXPECT_EQ(s[1].data_type, BooleanType());
}

TEST_F(SessionTest, DescribeGivesCountAndMean) {
  const Rows t = spark().range(1, 11).describe({"id"}).collect();
  ASSERT_EQ(t.schema().size(), 2u);
  std::map<std::string, std::string> stats;
  for (const Row& row : t) stats[row.get_string(0)] = row[1].to_string();
  EXPECT_EQ(stats["count"], "10");
  EXPECT_EQ(stats["mean"], "5.5");
  EXPECT_EQ(stats["min"], "1");
  EXPECT_EQ(stats["max"], "10");
  const Rows s = spark().range(1, 11).summary({"count", "50%"}).collect();
  ASSERT_EQ(s.size(), 2u);
}

TEST_F(SessionTest, ShowPrintsAnAlignedTable) {
  std::ostringstream out;
  spark().range(0, 12, 5).with_column("name", lit("x")).show(2, out);
  EXPECT_EQ(out.str(),
            "+---+----+\n"
            "| id|name|\n"
            "+---+----+\n"
            "|  0|   x|\n"
            "|  5|   x|\n"
            "+---+----+\n"
            "only showing top 2 rows\n");
}

TEST_F(SessionTest, CsvToParquetRoundTrip) {
  char pattern[] = "/tmp/sparkctl-connect-test-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::filesystem::path dir = pattern;
  {
    std::ofstream csv(dir / "people.csv");
    csv << "id,name,score\n1,alice,3.5\n2,bob,\n3,carol,7.25\n";
  }
  const DataFrame people = spark()
                               .read()
                               .format("csv")
                               .option("header", "true")
                               .option("inferSchema", "true")
                               .load((dir / "people.csv").string());
  people.write().mode("overwrite").format("parquet").save((dir / "people.parquet").string());
  EXPECT_TRUE(std::filesystem::exists(dir / "people.parquet" / "_SUCCESS"));

  const Rows t =
      spark().read().parquet((dir / "people.parquet").string()).order_by({col("id")}).collect();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.schema()[0].data_type, IntegerType());
  EXPECT_EQ(t[0].get_string("name"), "alice");
  EXPECT_EQ(t[2].get_double("score"), 7.25);
  EXPECT_TRUE(t[1].is_null("score"));
  EXPECT_THROW(people.write().mode("sideways"), Error);
  std::filesystem::remove_all(dir);
}

TEST_F(SessionTest, InterruptFromAnotherThreadCancelsALongQuery) {
  // Summing 50 billion square roots: many minutes if not interrupted.
  // (Not a filter on rand(): Spark folds rand() > 2 to false.)
  // Interrupt once tasks run: interrupting during planning races with
  // Spark's adaptive execution, which may still submit the first stage.
  std::promise<void> running;
  bool reported = false;
  spark().client().set_progress_handler([&](int64_t, int64_t total) {
    if (total > 0 && !reported) {
      reported = true;
      running.set_value();
    }
  });
  auto long_query = std::async(std::launch::async, [this] {
    return spark().range(0, 50000000000LL, 1, 2).agg({sum(sqrt(col("id")))}).collect().size();
  });
  ASSERT_EQ(running.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
  const auto started = std::chrono::steady_clock::now();
  spark().interrupt_all();
  std::cout << "[          ] interrupt_all() returned after "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s\n";
  ASSERT_EQ(long_query.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  spark().client().set_progress_handler(nullptr);
  try {
    const auto n = long_query.get();
    FAIL() << "the query was not interrupted; it counted " << n;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::interrupted) << e.what();
  }
  std::cout << "[          ] the query ended "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
            << " s after the interrupt\n";
  // The interrupt sticks until cleared (a shell clears it per statement).
  EXPECT_THROW(spark().range(5).count(), Error);
  spark().clear_interrupt();
  EXPECT_EQ(spark().range(5).count(), 5);  // the session is still usable
}

// A Ctrl-C that lands before a call reaches the server (between two calls
// of one statement, or before the first) is not lost.
TEST_F(SessionTest, AnInterruptBeforeTheCallStillStopsIt) {
  spark().interrupt_all();
  const auto started = std::chrono::steady_clock::now();
  try {
    const auto n =
        spark().range(0, 50000000000LL, 1, 2).agg({sum(sqrt(col("id")))}).collect().size();
    FAIL() << "the query ran although interrupted; it returned " << n;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::interrupted) << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 5.0);
  spark().clear_interrupt();
  EXPECT_EQ(spark().range(3).count(), 3);
}

}  // namespace
}  // namespace sparkctl::connect

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new sparkctl::connect::testing::SparkServer);
  return RUN_ALL_TESTS();
}
