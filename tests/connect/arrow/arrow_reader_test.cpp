// read_arrow_ipc() against IPC streams written by real pyarrow.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ipc_fixtures.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

namespace testing = arrow::testing;

using testing::describe;
using Strings = std::vector<std::string>;

std::vector<std::string> column(const Rows& t, size_t c) {
  std::vector<std::string> out;
  for (const Row& row : t) out.push_back(describe(row[c]));
  return out;
}

// The Spark types the Arrow types map to.
std::vector<std::string> type_names(const Rows& t) {
  std::vector<std::string> out;
  for (const StructField& f : t.schema()) out.push_back(f.data_type.simple_string());
  return out;
}

Rows decode_fixture(const std::string& bytes) { return read_arrow_ipc(bytes); }

void expect_primitives(const Rows& t) {
  EXPECT_EQ(type_names(t), (Strings{"boolean", "tinyint", "smallint", "int", "bigint", "float",
                                    "double", "string", "binary", "date", "void", "int"}));
  EXPECT_EQ(t.schema()[0].name, "b");
  EXPECT_TRUE(t.schema()[0].nullable);
  EXPECT_EQ(t.schema()[11].name, "req");
  EXPECT_FALSE(t.schema()[11].nullable);

  ASSERT_EQ(t.size(), 5u);  // 3 rows, an empty batch, 2 rows
  EXPECT_EQ(column(t, 0), (Strings{"bool:true", "bool:false", "null", "null", "bool:true"}));
  EXPECT_EQ(column(t, 1), (Strings{"int:-128", "int:127", "null", "int:0", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"int:-32768", "int:32767", "null", "null", "int:7"}));
  EXPECT_EQ(column(t, 3), (Strings{"int:-2147483648", "int:2147483647", "null", "int:8", "null"}));
  EXPECT_EQ(column(t, 4), (Strings{"int:-9223372036854775808", "int:9223372036854775807", "null",
                                   "null", "int:9"}));
  EXPECT_EQ(column(t, 5), (Strings{"double:1.5", "double:0.1", "null", "null", "double:Infinity"}));
  EXPECT_EQ(column(t, 6),
            (Strings{"double:3.0", "double:-0.1", "null", "double:NaN", "double:1.0E300"}));
  EXPECT_EQ(column(t, 7),
            (Strings{"str:h\xC3\xA9llo", "str:", "null", "null", "str:" + std::string(100, 'x')}));
  EXPECT_EQ(column(t, 8),
            (Strings{std::string("bin:\0\x01", 6), "bin:", "null", "null", "bin:\xFF"}));
  EXPECT_EQ(column(t, 9),
            (Strings{"date:2024-02-29", "date:1970-01-01", "null", "date:0001-01-01", "null"}));
  EXPECT_EQ(column(t, 10), (Strings{"null", "null", "null", "null", "null"}));
  EXPECT_EQ(column(t, 11), (Strings{"int:1", "int:2", "int:3", "int:4", "int:5"}));
  EXPECT_EQ(t[3][9].as_date().days, -719162);
  EXPECT_EQ(t[0].get_long("i64"), INT64_MIN);
  EXPECT_EQ(t[0].get_int("i32"), INT32_MIN);
}

TEST(ArrowReader, PrimitivesNullsAndMultipleBatches) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "primitives.arrows");
  expect_primitives(decode_fixture(bytes));
}

TEST(ArrowReader, LegacyMessagePrefix) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "legacy_primitives.arrows");
  ASSERT_NE(bytes.substr(0, 4), std::string(4, '\xFF'));  // really the pre-0.15 framing
  expect_primitives(decode_fixture(bytes));
}

TEST(ArrowReader, Decimals) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "decimals.arrows");
  Rows t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t),
            (Strings{"decimal(10,2)", "decimal(38,0)", "decimal(38,18)", "decimal(5,0)"}));
  EXPECT_EQ(column(t, 0), (Strings{"dec(10,2):-123.45", "dec(10,2):0.05", "dec(10,2):-0.05",
                                   "dec(10,2):99999999.99", "null"}));
  std::string nines(38, '9');
  EXPECT_EQ(column(t, 1), (Strings{"dec(38,0):" + nines, "dec(38,0):-" + nines, "dec(38,0):0",
                                   "dec(38,0):-1", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"dec(38,18):-1.000000000000000001",
                                   "dec(38,18):12345678901234567890.123456789012345678",
                                   "dec(38,18):0.000000000000000001",
                                   "dec(38,18):0.000000000000000000", "null"}));
  EXPECT_EQ(column(t, 3),
            (Strings{"dec(5,0):-12345", "dec(5,0):0", "dec(5,0):7", "null", "dec(5,0):-1"}));
  int128_t max38 = 1;
  for (int i = 0; i < 38; ++i) max38 *= 10;
  EXPECT_TRUE(t[0][1].as_decimal().unscaled == max38 - 1);
  EXPECT_TRUE(t[1][1].as_decimal().unscaled == -(max38 - 1));
  EXPECT_TRUE(t[0].get_decimal("d10_2").unscaled == -12345);
  EXPECT_EQ(t[0].get_decimal("d10_2").precision, 10);
  EXPECT_EQ(t[0].get_decimal("d10_2").scale, 2);
}

TEST(ArrowReader, DatesAndTimestamps) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "dates_timestamps.arrows");
  Rows t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t), (Strings{"date", "timestamp_ntz", "timestamp", "timestamp_ntz",
                                    "timestamp", "timestamp"}));

  EXPECT_EQ(column(t, 0),
            (Strings{"date:1969-12-31", "date:1900-03-01", "date:9999-12-31", "null"}));
  EXPECT_EQ(t[0][0].as_date().days, -1);
  EXPECT_EQ(column(t, 1), (Strings{"ts:1969-12-31 23:59:59.999999", "ts:1970-01-01 00:00:00",
                                   "ts:2023-11-14 22:13:20.123456", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"tstz:1969-12-31 23:59:58.999999", "tstz:1970-01-01 00:00:01.5",
                                   "tstz:2000-02-29 00:00:00", "null"}));
  EXPECT_EQ(column(t, 3), (Strings{"ts:1969-12-31 00:00:00", "ts:1970-01-01 00:00:00",
                                   "ts:9999-12-31 23:59:59", "null"}));
  // Shown in the column's zone, as Spark shows a session's timestamps.
  EXPECT_EQ(column(t, 4), (Strings{"tstz:1969-12-31 18:59:59.999", "tstz:1969-12-31 19:00:01",
                                   "tstz:2023-11-14 17:13:20.5", "null"}));
  EXPECT_EQ(t[0][4].as_timestamp().zone, "America/New_York");
  EXPECT_EQ(column(t, 5),
            (Strings{"tstz:1969-12-31 23:59:59.999999", "tstz:1970-01-01 00:00:00.000001",
                     "tstz:2023-11-14 22:13:20.123456", "null"}));
  EXPECT_EQ(t[0][3].as_timestamp_ntz().micros, -86'400'000'000);
  EXPECT_EQ(t[0][4].as_timestamp().micros, -1'000);
  EXPECT_EQ(t[0][5].as_timestamp().micros, -1);  // -1 ns floors to -1 us
}

TEST(ArrowReader, EmptyAndWideStrings) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "strings.arrows");
  Rows t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t), (Strings{"string", "string", "binary", "binary"}));
  EXPECT_EQ(column(t, 0),
            (Strings{"str:", "str:", "null", "str:\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "str:"}));
  EXPECT_EQ(column(t, 1), (Strings{"str:", "str:a", "str:", "null", "str:bc"}));
  EXPECT_EQ(column(t, 2), (Strings{"bin:", "null", std::string("bin:\0", 5), "bin:z", "bin:"}));
  EXPECT_EQ(column(t, 3),
            (Strings{"bin:abc", "null", std::string("bin:\0\0\0", 7), "bin:xyz", "bin:123"}));
}

TEST(ArrowReader, OtherWidthsAndDisplayOnlyTypes) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "other_types.arrows");
  Rows t = decode_fixture(bytes);
  // Unsigned integers widen to the next signed type.
  EXPECT_EQ(type_names(t), (Strings{"smallint", "int", "bigint", "bigint", "float", "date",
                                    "time(6)", "time(0)", "interval day to second", "interval"}));
  EXPECT_EQ(column(t, 0), (Strings{"int:255", "null"}));
  EXPECT_EQ(column(t, 1), (Strings{"int:65535", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"int:4294967295", "null"}));
  EXPECT_EQ(column(t, 3), (Strings{"int:9223372036854775807", "null"}));
  EXPECT_EQ(column(t, 4), (Strings{"double:1.5", "double:-0.25"}));
  EXPECT_EQ(column(t, 5), (Strings{"date:1969-12-31", "null"}));
  EXPECT_EQ(column(t, 6), (Strings{"time:13:45:30.25", "null"}));
  EXPECT_EQ(column(t, 7), (Strings{"time:00:00:01", "time:23:59:59"}));
  EXPECT_EQ(column(t, 8), (Strings{"day-time interval:INTERVAL '1 02:03:04.5' DAY TO SECOND",
                                   "day-time interval:INTERVAL '-0 00:00:01' DAY TO SECOND"}));
  EXPECT_EQ(column(t, 9), (Strings{"calendar interval:1 months 2 days 0.000003 seconds", "null"}));
}

TEST(ArrowReader, NestedColumnsAreNestedValues) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "nested.arrows");
  Rows t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t), (Strings{"array<bigint>", "struct<a:int,b:string>", "map<string,double>",
                                    "array<string>", "array<smallint>", "bigint"}));
  // Spark's show() text of each...
  EXPECT_EQ(column(t, 0), (Strings{"array:[1, NULL, 3]", "array:[]", "null"}));
  EXPECT_EQ(column(t, 1), (Strings{"struct:{1, x}", "null", "struct:{NULL, }"}));
  EXPECT_EQ(column(t, 2), (Strings{"map:{k -> 1.0, j -> NULL}", "null", "map:{}"}));
  EXPECT_EQ(column(t, 3), (Strings{"array:[a, b]", "null", "array:[NULL]"}));
  EXPECT_EQ(column(t, 4), (Strings{"array:[1, 2]", "null", "array:[3, 4]"}));
  // ... and the values inside.
  const auto& list = t[0].get_array("l");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].as_long(), 1);
  EXPECT_TRUE(list[1].is_null());
  const Row& st = t[0].get_struct("st");
  EXPECT_EQ(st.get_int("a"), 1);
  EXPECT_EQ(st.get_string("b"), "x");
  EXPECT_EQ(st.to_string(), "Row(a=1, b='x')");
  const Value::Map& map = t[0]["m"].as_map();
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0].first.as_string(), "k");
  EXPECT_EQ(map[0].second.as_double(), 1.0);
  EXPECT_TRUE(map[1].second.is_null());
  // A column after the nested ones still lines up with its own buffers.
  EXPECT_EQ(column(t, 5), (Strings{"int:10", "int:20", "int:30"}));
}

TEST(ArrowReader, SchemaOnlyStreamSetsSchema) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "schema_only.arrows");
  Rows t = decode_fixture(bytes);
  EXPECT_EQ(t.schema().simple_string(), "struct<x:bigint,y:string>");
  EXPECT_TRUE(t.empty());
}

TEST(ArrowReader, RowsKnowTheirFieldNames) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "two_columns.arrows");
  Rows t = decode_fixture(bytes);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].get_long("x"), 2);
  EXPECT_EQ(t[1].get_string("y"), "two");
  EXPECT_EQ(t[1].to_string(), "Row(x=2, y='two')");
  try {
    (void)t[1]["z"];
    ADD_FAILURE() << "no field z";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the row has no field 'z' (its fields: x, y)");
  }
  try {
    (void)t[1].get_string("x");
    ADD_FAILURE() << "x is no string";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "field 'x' is an integer value, not a string");
  }
}

void expect_malformed(const std::string& bytes, const std::string& needle) {
  try {
    read_arrow_ipc(bytes);
    ADD_FAILURE() << "expected an Error mentioning '" << needle << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);  // the server's data, not the job
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("arrow: ", 0), 0u) << e.what();
  }
}

TEST(ArrowReader, CompressedBodiesAreRejected) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "compressed.arrows");
  expect_malformed(bytes, "compressed");
}

TEST(ArrowReader, DictionaryEncodingIsRejected) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "dictionary.arrows");
  expect_malformed(bytes, "dictionary");
}

}  // namespace
}  // namespace sparkctl::connect
