// Calendar and clock formatting shared by to_string() and the display
// strings of column types that have no Value of their own.
#pragma once

#include <cstdint>
#include <string>

namespace sparkctl::arrow::detail {

// Floor division and the matching non-negative remainder (b > 0), without
// overflow even at INT64_MIN.
inline int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }
inline int64_t floor_mod(int64_t a, int64_t b) { return a % b < 0 ? a % b + b : a % b; }

std::string format_date(int64_t days_since_epoch);  // yyyy-mm-dd (proleptic Gregorian)
std::string format_clock(int64_t seconds_of_day);   // hh:mm:ss
// ".ffff" with `digits` digits and trailing zeros dropped; "" when zero.
std::string format_fraction(int64_t fraction, int digits);

}  // namespace sparkctl::arrow::detail
