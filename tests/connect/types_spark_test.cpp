// The DataType model against a real Spark server: the schema Spark reports
// for a query with one column of every type reads back as the types a job
// would write for it.
#include <gtest/gtest.h>

#include "spark_server.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {
namespace {

TEST(TypesOnSpark, SchemaOfEveryTypeIsReadFaithfully) {
  Session spark = Session::open(testing::SparkServer::remote());
  const StructType schema = spark
                                .sql(
                                    "SELECT NULL AS n, true AS b, CAST(1 AS TINYINT) AS t, "
                                    "CAST(1 AS SMALLINT) AS s, 1 AS i, 1L AS l, "
                                    "CAST(1 AS FLOAT) AS f, 1D AS d, CAST(1 AS DECIMAL(12,3)) AS "
                                    "dec, 'x' AS str, X'01' AS bin, DATE'2024-01-01' AS dt, "
                                    "TIMESTAMP'2024-01-01 00:00:00' AS ts, "
                                    "TIMESTAMP_NTZ'2024-01-01 00:00:00' AS ntz, "
                                    "INTERVAL '1' HOUR AS hr, INTERVAL '1-2' YEAR TO MONTH AS ym, "
                                    "make_interval(1, 2) AS ci, array(1, NULL) AS arr, "
                                    "map('a', 1.5D) AS m, named_struct('a', 1, 'b', 'x') AS st, "
                                    "parse_json('{\"a\": 1}') AS v, "
                                    "'x' COLLATE UTF8_LCASE AS lc")
                                .schema();
  const StructType expected({
      {"n", NullType()},
      {"b", BooleanType(), false},
      {"t", ByteType(), false},
      {"s", ShortType(), false},
      {"i", IntegerType(), false},
      {"l", LongType(), false},
      {"f", FloatType(), false},
      {"d", DoubleType(), false},
      {"dec", DecimalType(12, 3), true},  // the cast may overflow to NULL
      {"str", StringType(), false},
      {"bin", BinaryType(), false},
      {"dt", DateType(), false},
      {"ts", TimestampType(), false},
      {"ntz", TimestampNTZType(), false},
      {"hr", DayTimeIntervalType(DayTimeIntervalType::hour), false},
      {"ym", YearMonthIntervalType(), false},
      {"ci", CalendarIntervalType(), false},
      {"arr", ArrayType(IntegerType(), true), false},
      {"m", MapType(StringType(), DoubleType(), false), false},
      {"st", StructType({{"a", IntegerType(), false}, {"b", StringType(), false}}), false},
      {"v", VariantType(), false},
      {"lc", StringType("UTF8_LCASE"), false},
  });
  ASSERT_EQ(schema.size(), expected.size()) << schema.ddl();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(schema[i], expected[i]);
  }
  spark.close();
}

}  // namespace
}  // namespace sparkctl::connect
