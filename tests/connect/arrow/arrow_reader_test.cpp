// decode_stream() against IPC streams written by real pyarrow.
#include "sparkctl/connect/arrow_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ipc_fixtures.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::arrow {
namespace {

using testing::describe;
using Strings = std::vector<std::string>;

std::vector<std::string> column(const Table& t, size_t c) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) out.push_back(describe(row.at(c)));
  return out;
}

std::vector<std::string> type_names(const Table& t) {
  std::vector<std::string> out;
  for (const Field& f : t.schema) out.push_back(f.type_name);
  return out;
}

Table decode_fixture(const std::string& bytes) {
  Table t;
  decode_stream(bytes, t);
  return t;
}

void expect_primitives(const Table& t) {
  ASSERT_EQ(t.schema.size(), 12u);
  const Type types[] = {Type::boolean, Type::int8,    Type::int16,   Type::int32,
                        Type::int64,   Type::float32, Type::float64, Type::utf8,
                        Type::binary,  Type::date32,  Type::null,    Type::int32};
  const char* names[] = {"bool",    "int8", "int16",  "int32",  "int64", "float32",
                         "float64", "utf8", "binary", "date32", "null",  "int32"};
  for (size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(t.schema[i].type, types[i]) << i;
    EXPECT_EQ(t.schema[i].type_name, names[i]) << i;
  }
  EXPECT_EQ(t.schema[0].name, "b");
  EXPECT_TRUE(t.schema[0].nullable);
  EXPECT_EQ(t.schema[11].name, "req");
  EXPECT_FALSE(t.schema[11].nullable);

  ASSERT_EQ(t.rows.size(), 5u);  // 3 rows, an empty batch, 2 rows
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
            (Strings{std::string("str:\0\x01", 6), "str:", "null", "null", "str:\xFF"}));
  EXPECT_EQ(column(t, 9),
            (Strings{"date:2024-02-29", "date:1970-01-01", "null", "date:0001-01-01", "null"}));
  EXPECT_EQ(column(t, 10), (Strings{"null", "null", "null", "null", "null"}));
  EXPECT_EQ(column(t, 11), (Strings{"int:1", "int:2", "int:3", "int:4", "int:5"}));
  EXPECT_EQ(std::get<Date>(t.rows[3][9]).days, -719162);
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
  Table t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t),
            (Strings{"decimal(10,2)", "decimal(38,0)", "decimal(38,18)", "decimal(5,0)"}));
  EXPECT_EQ(t.schema[0].type, Type::decimal128);
  EXPECT_EQ(t.schema[2].precision, 38);
  EXPECT_EQ(t.schema[2].scale, 18);
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
  EXPECT_TRUE(std::get<Decimal>(t.rows[0][1]).unscaled == max38 - 1);
  EXPECT_TRUE(std::get<Decimal>(t.rows[1][1]).unscaled == -(max38 - 1));
  EXPECT_TRUE(std::get<Decimal>(t.rows[0][0]).unscaled == -12345);
}

TEST(ArrowReader, DatesAndTimestamps) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "dates_timestamps.arrows");
  Table t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t), (Strings{"date32", "timestamp[us]", "timestamp[us, UTC]", "timestamp[s]",
                                    "timestamp[ms, America/New_York]", "timestamp[ns, UTC]"}));
  EXPECT_EQ(t.schema[1].timezone, "");
  EXPECT_EQ(t.schema[2].timezone, "UTC");
  EXPECT_EQ(t.schema[4].type, Type::timestamp);

  EXPECT_EQ(column(t, 0),
            (Strings{"date:1969-12-31", "date:1900-03-01", "date:9999-12-31", "null"}));
  EXPECT_EQ(std::get<Date>(t.rows[0][0]).days, -1);
  EXPECT_EQ(column(t, 1), (Strings{"ts:1969-12-31 23:59:59.999999", "ts:1970-01-01 00:00:00",
                                   "ts:2023-11-14 22:13:20.123456", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"tstz:1969-12-31 23:59:58.999999", "tstz:1970-01-01 00:00:01.5",
                                   "tstz:2000-02-29 00:00:00", "null"}));
  EXPECT_EQ(column(t, 3), (Strings{"ts:1969-12-31 00:00:00", "ts:1970-01-01 00:00:00",
                                   "ts:9999-12-31 23:59:59", "null"}));
  EXPECT_EQ(column(t, 4), (Strings{"tstz:1969-12-31 23:59:59.999", "tstz:1970-01-01 00:00:01",
                                   "tstz:2023-11-14 22:13:20.5", "null"}));
  EXPECT_EQ(column(t, 5),
            (Strings{"tstz:1969-12-31 23:59:59.999999", "tstz:1970-01-01 00:00:00.000001",
                     "tstz:2023-11-14 22:13:20.123456", "null"}));
  EXPECT_EQ(std::get<Timestamp>(t.rows[0][3]).micros, -86'400'000'000);
  EXPECT_EQ(std::get<Timestamp>(t.rows[0][4]).micros, -1'000);
  EXPECT_EQ(std::get<Timestamp>(t.rows[0][5]).micros, -1);  // -1 ns floors to -1 us
}

TEST(ArrowReader, EmptyAndWideStrings) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "strings.arrows");
  Table t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t), (Strings{"utf8", "large_utf8", "large_binary", "fixed_size_binary[3]"}));
  EXPECT_EQ(t.schema[1].type, Type::utf8);
  EXPECT_EQ(t.schema[2].type, Type::binary);
  EXPECT_EQ(t.schema[3].type, Type::binary);
  EXPECT_EQ(column(t, 0),
            (Strings{"str:", "str:", "null", "str:\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "str:"}));
  EXPECT_EQ(column(t, 1), (Strings{"str:", "str:a", "str:", "null", "str:bc"}));
  EXPECT_EQ(column(t, 2), (Strings{"str:", "null", std::string("str:\0", 5), "str:z", "str:"}));
  EXPECT_EQ(column(t, 3),
            (Strings{"str:abc", "null", std::string("str:\0\0\0", 7), "str:xyz", "str:123"}));
}

TEST(ArrowReader, OtherWidthsAndDisplayOnlyTypes) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "other_types.arrows");
  Table t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t),
            (Strings{"uint8", "uint16", "uint32", "uint64", "float16", "date64", "time64[us]",
                     "time32[s]", "duration[us]", "interval[month_day_nano]"}));
  EXPECT_EQ(t.schema[0].type, Type::int16);  // uint8 needs int16's range
  EXPECT_EQ(t.schema[3].type, Type::int64);
  EXPECT_EQ(t.schema[4].type, Type::float32);
  EXPECT_EQ(t.schema[5].type, Type::date32);
  EXPECT_EQ(t.schema[6].type, Type::unsupported);
  EXPECT_EQ(column(t, 0), (Strings{"int:255", "null"}));
  EXPECT_EQ(column(t, 1), (Strings{"int:65535", "null"}));
  EXPECT_EQ(column(t, 2), (Strings{"int:4294967295", "null"}));
  EXPECT_EQ(column(t, 3), (Strings{"int:9223372036854775807", "null"}));
  EXPECT_EQ(column(t, 4), (Strings{"double:1.5", "double:-0.25"}));
  EXPECT_EQ(column(t, 5), (Strings{"date:1969-12-31", "null"}));
  EXPECT_EQ(column(t, 6), (Strings{"str:13:45:30.25", "null"}));
  EXPECT_EQ(column(t, 7), (Strings{"str:00:00:01", "str:23:59:59"}));
  EXPECT_EQ(column(t, 8), (Strings{"str:INTERVAL '1 02:03:04.5' DAY TO SECOND",
                                   "str:INTERVAL '-0 00:00:01' DAY TO SECOND"}));
  EXPECT_EQ(column(t, 9), (Strings{"str:1 months 2 days 0.000003 seconds", "null"}));
}

TEST(ArrowReader, NestedColumnsRenderAsSparkShowsThem) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "nested.arrows");
  Table t = decode_fixture(bytes);
  EXPECT_EQ(type_names(t),
            (Strings{"list<int64>", "struct<a: int32, b: utf8>", "map<utf8, float64>",
                     "large_list<utf8>", "fixed_size_list<int16>[2]", "int64"}));
  EXPECT_EQ(t.schema[0].type, Type::unsupported);
  EXPECT_EQ(column(t, 0), (Strings{"str:[1, NULL, 3]", "str:[]", "null"}));
  EXPECT_EQ(column(t, 1), (Strings{"str:{1, x}", "null", "str:{NULL, }"}));
  EXPECT_EQ(column(t, 2), (Strings{"str:{k -> 1.0, j -> NULL}", "null", "str:{}"}));
  EXPECT_EQ(column(t, 3), (Strings{"str:[a, b]", "null", "str:[NULL]"}));
  EXPECT_EQ(column(t, 4), (Strings{"str:[1, 2]", "null", "str:[3, 4]"}));
  // A column after the nested ones still lines up with its own buffers.
  EXPECT_EQ(column(t, 5), (Strings{"int:10", "int:20", "int:30"}));
}

TEST(ArrowReader, SchemaOnlyStreamSetsSchema) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "schema_only.arrows");
  Table t = decode_fixture(bytes);
  ASSERT_EQ(t.schema.size(), 2u);
  EXPECT_EQ(t.schema[0].name, "x");
  EXPECT_EQ(t.schema[1].type, Type::utf8);
  EXPECT_TRUE(t.rows.empty());
}

TEST(ArrowReader, StreamsAppendToOneTable) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "two_columns.arrows");
  Table t;
  decode_stream(bytes, t);
  decode_stream(bytes, t);
  ASSERT_EQ(t.schema.size(), 2u);
  EXPECT_EQ(column(t, 0), (Strings{"int:1", "int:2", "int:1", "int:2"}));
  EXPECT_EQ(column(t, 1), (Strings{"str:one", "str:two", "str:one", "str:two"}));
}

void expect_job_error(const std::string& bytes, Table& t, const std::string& needle) {
  try {
    decode_stream(bytes, t);
    ADD_FAILURE() << "expected an Error mentioning '" << needle << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::job_failed);
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("arrow: ", 0), 0u) << e.what();
  }
}

TEST(ArrowReader, MismatchedSchemaIsRejected) {
  std::string first, other;
  ASSERT_FIXTURE(first, "two_columns.arrows");
  ASSERT_FIXTURE(other, "three_columns.arrows");
  Table t;
  decode_stream(first, t);
  expect_job_error(other, t, "3 columns");
  ASSERT_FIXTURE(other, "x_as_string.arrows");
  expect_job_error(other, t, "utf8");
  EXPECT_EQ(t.rows.size(), 2u);  // failed streams add nothing
}

TEST(ArrowReader, CompressedBodiesAreRejected) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "compressed.arrows");
  Table t;
  expect_job_error(bytes, t, "compressed");
  EXPECT_TRUE(t.schema.empty());
}

TEST(ArrowReader, DictionaryEncodingIsRejected) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "dictionary.arrows");
  Table t;
  expect_job_error(bytes, t, "dictionary");
}

}  // namespace
}  // namespace sparkctl::arrow
