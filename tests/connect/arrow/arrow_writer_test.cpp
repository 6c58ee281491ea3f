// write_arrow_ipc(): Rows of every Spark type as an Arrow IPC stream, read
// back by sparkctl's reader and by real pyarrow.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ipc_fixtures.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

StructType every_type() {
  return StructType({
      {"b", BooleanType()},
      {"i8", ByteType()},
      {"i16", ShortType()},
      {"i32", IntegerType()},
      {"i64", LongType(), false},
      {"f32", FloatType()},
      {"f64", DoubleType()},
      {"dec", DecimalType(10, 2)},
      {"s", StringType()},
      {"bin", BinaryType()},
      {"d", DateType()},
      {"ts", TimestampType()},
      {"ntz", TimestampNTZType()},
      {"dt", DayTimeIntervalType()},
      {"ym", YearMonthIntervalType()},
      {"arr", ArrayType(IntegerType())},
      {"m", MapType(StringType(), DoubleType())},
      {"st", StructType({{"x", LongType()}, {"y", StringType()}})},
      {"n", NullType()},
  });
}

std::vector<Row> every_value() {
  auto inner =
      std::make_shared<const StructType>(StructType({{"x", LongType()}, {"y", StringType()}}));
  return {
      Row({true, -128, -32768, INT32_MIN, INT64_MIN, 1.5, 0.1, Decimal::parse("-123.45"),
           "héllo, \"world\"\n", Bytes{std::string("\xCA\xFE\x00", 3)}, Date::from_ymd(2024, 2, 29),
           Timestamp{1'709'210'096'789'000, ""}, TimestampNtz{-1}, DayTimeInterval{-1'500'000},
           YearMonthInterval{14}, std::vector<Value>{1, nullptr, 3},
           Value::Map{{"k", 2.5}, {"j", nullptr}}, Row(inner, {7, "z"}), nullptr}),
      Row({nullptr, 127, 32767, INT32_MAX, INT64_MAX, nullptr, nullptr, nullptr, nullptr, nullptr,
           nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr}),
      // Integers go into float, double and decimal columns too.
      Row({false, 0, 0, 0, 0, 2, 3, 4, "", Bytes{}, Date{0}, Timestamp{0, ""}, TimestampNtz{0},
           DayTimeInterval{0}, YearMonthInterval{0}, std::vector<Value>{}, Value::Map{},
           Row(inner, {nullptr, nullptr}), nullptr}),
  };
}

TEST(ArrowWriter, RoundTripsEveryTypeThroughTheReader) {
  const std::string stream = write_arrow_ipc(every_type(), every_value());
  const Rows back = read_arrow_ipc(stream);
  EXPECT_EQ(back.schema().simple_string(), every_type().simple_string());
  EXPECT_FALSE(back.schema()[4].nullable);
  ASSERT_EQ(back.size(), 3u);
  const std::vector<Row> rows = every_value();
  EXPECT_EQ(back[0], rows[0]) << back[0].to_string();
  EXPECT_EQ(back[1], rows[1]) << back[1].to_string();
  EXPECT_EQ(back[2][5].as_double(), 2.0);
  EXPECT_EQ(back[2][7].as_decimal().to_string(), "4.00");
  EXPECT_EQ(back[0][7].as_decimal().to_string(), "-123.45");
}

// pyarrow reads the stream and prints each column's type and values.
TEST(ArrowWriter, PyarrowReadsIt) {
  if (arrow::testing::fixture_dir().empty()) GTEST_SKIP() << "no pyarrow";
  const std::filesystem::path file = arrow::testing::fixture_dir() + "/written.arrows";
  {
    std::ofstream out(file, std::ios::binary);
    out << write_arrow_ipc(every_type(), every_value());
  }
  const std::string script =
      "import sys, pyarrow as pa, pyarrow.ipc as ipc\n"
      "t = ipc.open_stream(open(sys.argv[1], 'rb').read()).read_all()\n"
      "for f, c in zip(t.schema, t.columns):\n"
      "    # pyarrow cannot turn month intervals into Python values: their null count\n"
      "    values = c.to_pylist() if str(f.type) != 'month_interval' else c.null_count\n"
      "    print(f.name, f.type, f.nullable, values)\n";
  const std::filesystem::path script_file = arrow::testing::fixture_dir() + "/read_written.py";
  std::ofstream(script_file) << script;
  const std::string command =
      "'" + arrow::testing::python() + "' '" + script_file.string() + "' '" + file.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  ASSERT_EQ(::pclose(pipe), 0) << output;
  EXPECT_EQ(output,
            "b bool True [True, None, False]\n"
            "i8 int8 True [-128, 127, 0]\n"
            "i16 int16 True [-32768, 32767, 0]\n"
            "i32 int32 True [-2147483648, 2147483647, 0]\n"
            "i64 int64 False [-9223372036854775808, 9223372036854775807, 0]\n"
            "f32 float True [1.5, None, 2.0]\n"
            "f64 double True [0.1, None, 3.0]\n"
            "dec decimal128(10, 2) True [Decimal('-123.45'), None, Decimal('4.00')]\n"
            "s string True ['héllo, \"world\"\\n', None, '']\n"
            "bin binary True [b'\\xca\\xfe\\x00', None, b'']\n"
            "d date32[day] True [datetime.date(2024, 2, 29), None, datetime.date(1970, 1, 1)]\n"
            "ts timestamp[us, tz=UTC] True [datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, "
            "tzinfo=zoneinfo.ZoneInfo(key='UTC')), None, datetime.datetime(1970, 1, 1, 0, 0, "
            "tzinfo=zoneinfo.ZoneInfo(key='UTC'))]\n"
            "ntz timestamp[us] True [datetime.datetime(1969, 12, 31, 23, 59, 59, 999999), None, "
            "datetime.datetime(1970, 1, 1, 0, 0)]\n"
            "dt duration[us] True [datetime.timedelta(days=-1, seconds=86398, "
            "microseconds=500000), None, datetime.timedelta(0)]\n"
            "ym month_interval True 1\n"
            "arr list<element: int32> True [[1, None, 3], None, []]\n"
            "m map<string, double> True [[('k', 2.5), ('j', None)], None, []]\n"
            "st struct<x: int64, y: string> True [{'x': 7, 'y': 'z'}, None, "
            "{'x': None, 'y': None}]\n"
            "n null True [None, None, None]\n");
}

TEST(ArrowWriter, ValuesThatDoNotFitAreErrorsNamingTheColumn) {
  auto fails = [](const StructType& schema, const Row& row, const std::string& message) {
    try {
      write_arrow_ipc(schema, {row});
      ADD_FAILURE() << "no error for " << row.to_string();
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::job_failed);
      EXPECT_EQ(std::string(e.what()), message);
    }
  };
  fails(StructType({{"age", IntegerType()}}), Row({"ten"}),
        "Arrow data for Spark: column 'age': expected an integer but got a string value (ten)");
  fails(StructType({{"b", ByteType()}}), Row({300}),
        "Arrow data for Spark: column 'b': 300 does not fit in 8 bits");
  fails(StructType({{"p", DecimalType(5, 2)}}), Row({Decimal::parse("1.234")}),
        "Arrow data for Spark: column 'p': 1.234 has more than 2 digits after the point");
  fails(StructType({{"p", DecimalType(5, 2)}}), Row({Decimal::parse("1234.5")}),
        "Arrow data for Spark: column 'p': 1234.5 does not fit in decimal(5,2)");
  fails(StructType({{"tags", ArrayType(StringType())}}), Row({std::vector<Value>{1}}),
        "Arrow data for Spark: column 'tags.element': expected a string but got an integer value "
        "(1)");
  fails(StructType({{"a", LongType()}, {"b", LongType()}}), Row({1}),
        "row 0 has 1 values for 2 columns (struct<a:bigint,b:bigint>)");
}

}  // namespace
}  // namespace sparkctl::connect
