// Scalars as Spark writes them in show() (and so in the shell's table and
// CSV), appended to a buffer so that writing a column allocates nothing
// per value. The same functions render decoded Values (value.cpp) and
// Arrow slots streamed straight to the output (results/), so both agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sparkctl/connect/int128.hpp"

namespace sparkctl::connect::text {

constexpr int64_t micros_per_second = 1'000'000;
constexpr int64_t micros_per_minute = 60 * micros_per_second;
constexpr int64_t micros_per_hour = 60 * micros_per_minute;
constexpr int64_t micros_per_day = 24 * micros_per_hour;

// Floor division and the matching non-negative remainder (b > 0), without
// overflow even at INT64_MIN.
inline int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }
inline int64_t floor_mod(int64_t a, int64_t b) { return a % b < 0 ? a % b + b : a % b; }

// The longest text of an int64 and of a double or float below.
constexpr size_t max_int_chars = 24;
constexpr size_t max_double_chars = 40;

void append_int(std::string& out, int64_t v);
void append_unsigned(std::string& out, uint64_t v);
void append_two_digits(std::string& out, int64_t v);  // 0..99 as two digits
// ".ffff" of `fraction` with `digits` digits, trailing zeros dropped; "" when zero.
void append_fraction(std::string& out, int64_t fraction, int digits);
// Java's Double.toString / Float.toString: shortest digits that read back,
// plain for 1e-3 <= |v| < 1e7 (always with a fraction), else d.dddE[-]n;
// NaN, Infinity, -Infinity.
void append_double(std::string& out, double v);
void append_float(std::string& out, float v);
// The same into memory with room for max_*_chars; return the end of the
// text. For writers that reserve a row's room once (the CSV writer).
char* write_int(char* out, int64_t v);
char* write_double(char* out, double v);
char* write_float(char* out, float v);
// unscaled * 10^-scale with exactly `scale` digits after the point.
void append_decimal(std::string& out, int128_t unscaled, int scale);
void append_date(std::string& out, int64_t days_since_epoch);  // yyyy-mm-dd (proleptic)
// yyyy-mm-dd hh:mm:ss[.ffffff] of a local time given as microseconds since
// 1970-01-01 00:00 of the same clock; trailing fraction zeros dropped.
void append_local_timestamp(std::string& out, int64_t micros);
// hh:mm:ss[.fffffffff] of nanoseconds since midnight, trailing zeros dropped.
void append_time_of_day(std::string& out, int64_t nanos);

// Interval fields are numbered as in Spark's interval types: year 0,
// month 1; day 0, hour 1, minute 2, second 3.
// INTERVAL '1-2' YEAR TO MONTH, INTERVAL '14' MONTH, ...
void append_year_month_interval(std::string& out, int32_t months, int start_field = 0,
                                int end_field = 1);
// INTERVAL '1 02:03:04.5' DAY TO SECOND, INTERVAL '26' HOUR, ...
void append_day_time_interval(std::string& out, int64_t micros, int start_field = 0,
                              int end_field = 3);
// CalendarInterval: "1 months 2 days 3.000004 seconds" as Spark prints it.
void append_calendar_interval(std::string& out, int32_t months, int32_t days, int64_t micros);

void append_hex_bytes(std::string& out, std::string_view bytes);  // [CA FE]

// Spark's show() escapes these so that a row stays on one line.
void append_escaped_for_show(std::string& out, std::string_view s);

// Bytes of the valid UTF-8 character starting at s[i], 0 if none starts there.
size_t utf8_sequence_length(std::string_view s, size_t i);

// Display width of UTF-8 text as Spark's show() counts it: East Asian
// wide and full-width characters take two columns.
size_t display_width(std::string_view s);

}  // namespace sparkctl::connect::text
