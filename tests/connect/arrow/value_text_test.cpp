// Value::to_string(): the text Spark's show() prints for each kind of value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sparkctl/connect/value.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

std::string to_string(const Value& v) { return v.to_string(); }
std::string shown_in(int64_t micros, const char* zone) {
  return Timestamp{micros, zone}.to_string();
}

TEST(ValueFormat, NullBoolAndIntegers) {
  EXPECT_EQ(to_string(Value{}), "NULL");
  EXPECT_EQ(to_string(Value{true}), "true");
  EXPECT_EQ(to_string(Value{false}), "false");
  EXPECT_EQ(to_string(Value{int64_t{-42}}), "-42");
  EXPECT_EQ(to_string(Value{std::numeric_limits<int64_t>::min()}), "-9223372036854775808");
}

TEST(ValueFormat, DoublesLikeJava) {
  EXPECT_EQ(to_string(Value{3.0}), "3.0");
  EXPECT_EQ(to_string(Value{-0.0}), "-0.0");
  EXPECT_EQ(to_string(Value{0.0}), "0.0");
  EXPECT_EQ(to_string(Value{0.1}), "0.1");
  EXPECT_EQ(to_string(Value{123.456}), "123.456");
  EXPECT_EQ(to_string(Value{1234567.0}), "1234567.0");
  EXPECT_EQ(to_string(Value{1e7}), "1.0E7");
  EXPECT_EQ(to_string(Value{12345678.9}), "1.23456789E7");
  EXPECT_EQ(to_string(Value{0.001}), "0.001");
  EXPECT_EQ(to_string(Value{0.0001}), "1.0E-4");
  EXPECT_EQ(to_string(Value{-2.5e-10}), "-2.5E-10");
  EXPECT_EQ(to_string(Value{1.0 / 3}), "0.3333333333333333");
  EXPECT_EQ(to_string(Value{std::numeric_limits<double>::max()}), "1.7976931348623157E308");
  EXPECT_EQ(to_string(Value{std::nan("")}), "NaN");
  EXPECT_EQ(to_string(Value{-HUGE_VAL}), "-Infinity");
}

TEST(ValueFormat, Decimals) {
  EXPECT_EQ(to_string(Value{Decimal{12345, 10, 2}}), "123.45");
  EXPECT_EQ(to_string(Value{Decimal{-5, 10, 2}}), "-0.05");
  EXPECT_EQ(to_string(Value{Decimal{0, 10, 2}}), "0.00");
  EXPECT_EQ(to_string(Value{Decimal{-7, 5, 0}}), "-7");
  EXPECT_EQ(to_string(Value{Decimal{12, 5, -3}}), "12000");
  int128_t min = static_cast<int128_t>(uint128_t{1} << 127);
  EXPECT_EQ(to_string(Value{Decimal{min, 38, 0}}), "-170141183460469231731687303715884105728");
}

TEST(ValueFormat, DatesAcrossTheCalendar) {
  EXPECT_EQ(to_string(Value{Date{0}}), "1970-01-01");
  EXPECT_EQ(to_string(Value{Date{-1}}), "1969-12-31");
  EXPECT_EQ(to_string(Value{Date{11016}}), "2000-02-29");
  EXPECT_EQ(to_string(Value{Date{-141427}}), "1582-10-15");
  EXPECT_EQ(to_string(Value{Date{-719162}}), "0001-01-01");
  EXPECT_EQ(to_string(Value{Date{2932896}}), "9999-12-31");
}

TEST(ValueFormat, TimestampsWithTrimmedFraction) {
  EXPECT_EQ(to_string(Value{TimestampNtz{0}}), "1970-01-01 00:00:00");
  EXPECT_EQ(to_string(Value{Timestamp{-1, "UTC"}}), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(to_string(Value{TimestampNtz{1'500'000}}), "1970-01-01 00:00:01.5");
  EXPECT_EQ(to_string(Value{Timestamp{1'700'000'000'000'010, ""}}), "2023-11-14 22:13:20.00001");
  EXPECT_EQ(to_string(Value{TimestampNtz{std::numeric_limits<int64_t>::min()}}),
            "-290308-12-21 19:59:05.224192");
}

// Instants show in their zone, summer and winter time included, past the
// last transition of the tz database too (its POSIX rule).
TEST(ValueFormat, TimestampsInTheirZone) {
  const int64_t summer = 1'719'835'200'000'000;  // 2024-07-01 12:00:00 UTC
  const int64_t winter = 1'704'110'400'000'000;  // 2024-01-01 12:00:00 UTC
  EXPECT_EQ(shown_in(summer, "Europe/Berlin"), "2024-07-01 14:00:00");
  EXPECT_EQ(shown_in(winter, "Europe/Berlin"), "2024-01-01 13:00:00");
  EXPECT_EQ(shown_in(summer, "America/Los_Angeles"), "2024-07-01 05:00:00");
  EXPECT_EQ(shown_in(winter, "America/Los_Angeles"), "2024-01-01 04:00:00");
  EXPECT_EQ(shown_in(summer, "Asia/Kolkata"), "2024-07-01 17:30:00");
  EXPECT_EQ(shown_in(summer, "+08:00"), "2024-07-01 20:00:00");
  EXPECT_EQ(shown_in(summer, "UTC-03:30"), "2024-07-01 08:30:00");
  EXPECT_EQ(shown_in(summer, "Z"), "2024-07-01 12:00:00");
  // 2100-07-01 12:00 UTC, long after the last transition in the file.
  EXPECT_EQ(shown_in(4'118'126'400'000'000, "Europe/Berlin"), "2100-07-01 14:00:00");
  EXPECT_EQ(shown_in(4'102'488'000'000'000, "Europe/Berlin"), "2100-01-01 13:00:00");
  // An unknown zone shows UTC rather than failing.
  EXPECT_EQ(shown_in(summer, "Mars/Olympus"), "2024-07-01 12:00:00");
}

TEST(ValueFormat, StringsAsIsBinaryInHex) {
  EXPECT_EQ(to_string(Value{std::string()}), "");
  EXPECT_EQ(to_string(Value{"a b"}), "a b");
  EXPECT_EQ(to_string(Value{Bytes{std::string("\xCA\xFE\x00", 3)}}), "[CA FE 00]");
  EXPECT_EQ(to_string(Value{Bytes{}}), "[]");
}

TEST(ValueFormat, IntervalsAsSparkPrintsThem) {
  EXPECT_EQ(to_string(Value(YearMonthInterval{14})), "INTERVAL '1-2' YEAR TO MONTH");
  EXPECT_EQ(to_string(Value(YearMonthInterval{-14})), "INTERVAL '-1-2' YEAR TO MONTH");
  EXPECT_EQ(to_string(Value(YearMonthInterval{-14, 1, 1})), "INTERVAL '-14' MONTH");
  EXPECT_EQ(to_string(Value(YearMonthInterval{26, 0, 0})), "INTERVAL '2' YEAR");
  const int64_t s = 1'000'000;
  EXPECT_EQ(to_string(Value(DayTimeInterval{(86400 + 2 * 3600 + 3 * 60 + 4) * s + 500'000})),
            "INTERVAL '1 02:03:04.5' DAY TO SECOND");
  EXPECT_EQ(to_string(Value(DayTimeInterval{-s})), "INTERVAL '-0 00:00:01' DAY TO SECOND");
  EXPECT_EQ(to_string(Value(DayTimeInterval{26 * 3600 * s, 1, 1})), "INTERVAL '26' HOUR");
  EXPECT_EQ(to_string(Value(DayTimeInterval{90 * s, 2, 3})), "INTERVAL '01:30' MINUTE TO SECOND");
  EXPECT_EQ(to_string(Value(DayTimeInterval{5 * s + 1, 3, 3})), "INTERVAL '05.000001' SECOND");
  EXPECT_EQ(to_string(Value(DayTimeInterval{std::numeric_limits<int64_t>::min()})),
            "INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND");
  EXPECT_EQ(to_string(Value(CalendarInterval{14, 3, 3'600'000'000 + 4'500'000})),
            "1 years 2 months 3 days 1 hours 4.5 seconds");
  EXPECT_EQ(to_string(Value(CalendarInterval{})), "0 seconds");
  EXPECT_EQ(to_string(Value(CalendarInterval{0, 0, -1'500'000})), "-1.5 seconds");
}

TEST(ValueFormat, NestedValuesLikeSparkShow) {
  Value array(std::vector<Value>{1, nullptr, 3});
  EXPECT_EQ(array.to_string(), "[1, NULL, 3]");
  Value map(Value::Map{{"a", 1.5}, {"b", nullptr}});
  EXPECT_EQ(map.to_string(), "{a -> 1.5, b -> NULL}");
  auto schema =
      std::make_shared<const StructType>(StructType({{"x", IntegerType()}, {"y", StringType()}}));
  Value row(Row(schema, {7, "z"}));
  EXPECT_EQ(row.to_string(), "{7, z}");
  EXPECT_EQ(row.as_struct().to_string(), "Row(x=7, y='z')");
  EXPECT_EQ(Row({1, "a"}).to_string(), "[1, a]");
}

TEST(Values, TypedAccessNamesWhatIsThere) {
  Value v = "text";
  EXPECT_EQ(v.as_string(), "text");
  try {
    (void)v.as_long();
    ADD_FAILURE() << "a string is no integer";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "expected an integer value but it is a string value");
  }
  try {
    (void)Value().as_bool();
    ADD_FAILURE() << "NULL is no boolean";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "expected a boolean value but it is NULL");
  }
  EXPECT_EQ(Value(std::nan("")), Value(std::nan("")));
  EXPECT_NE(Value(1), Value(1.0));
  EXPECT_EQ(Decimal::parse("-123.45"), (Decimal{-12345, 5, 2}));
  EXPECT_EQ(Decimal::parse("0.050").precision, 3);
  EXPECT_EQ(Decimal::parse("0.050").to_string(), "0.050");
  EXPECT_DOUBLE_EQ(Decimal::parse("2.5").to_double(), 2.5);
  EXPECT_EQ(Date::from_ymd(2024, 2, 29).to_string(), "2024-02-29");
  EXPECT_EQ(Date::from_ymd(1969, 12, 31).days, -1);
}

}  // namespace
}  // namespace sparkctl::connect
