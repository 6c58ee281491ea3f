// to_string(): the text Spark's show() prints for each kind of value.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::arrow {
namespace {

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

TEST(ValueFormat, TimestampsInUtcWithTrimmedFraction) {
  EXPECT_EQ(to_string(Value{Timestamp{0, false}}), "1970-01-01 00:00:00");
  EXPECT_EQ(to_string(Value{Timestamp{-1, true}}), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(to_string(Value{Timestamp{1'500'000, false}}), "1970-01-01 00:00:01.5");
  EXPECT_EQ(to_string(Value{Timestamp{1'700'000'000'000'010, true}}), "2023-11-14 22:13:20.00001");
  EXPECT_EQ(to_string(Value{Timestamp{std::numeric_limits<int64_t>::min(), false}}),
            "-290308-12-21 19:59:05.224192");
}

TEST(ValueFormat, StringsAsIs) {
  EXPECT_EQ(to_string(Value{std::string()}), "");
  EXPECT_EQ(to_string(Value{std::string("a b")}), "a b");
}

}  // namespace
}  // namespace sparkctl::arrow
