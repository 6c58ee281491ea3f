// The scalar in one slot of a checked fixed-width array, in the units
// Spark's types use: integers widened to int64, dates as days, timestamps
// and durations as microseconds, times of day as nanoseconds, decimals as
// their unscaled 128-bit digits. The value decoder and the writers of
// streamed results both read slots through these, so they agree.
#pragma once

#include <cstdint>

#include "array_view.hpp"
#include "sparkctl/connect/int128.hpp"

namespace sparkctl::arrow::detail {

// Any integer width; uint64 beyond int64's range is an Error.
int64_t integer(const ArrayView& a, uint64_t i);
// float16/32/64 as double; a float32 through its shortest decimal form, so
// 0.1f reads as 0.1 (what Spark shows) rather than 0.10000000149011612.
double floating(const ArrayView& a, uint64_t i);
double float_as_double(float f);
// Decimal32..256 as unscaled digits; decimal256 beyond 128 bits is an Error.
int128_t decimal(const ArrayView& a, uint64_t i);
int64_t date_days(const ArrayView& a, uint64_t i);         // date32, date64
int64_t timestamp_micros(const ArrayView& a, uint64_t i);  // any unit, floored to microseconds
int64_t time_nanos(const ArrayView& a, uint64_t i);        // time32/time64 of any unit
int64_t duration_micros(const ArrayView& a, uint64_t i);   // any unit, floored to microseconds

struct CalendarParts {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};
// interval[day_time] and interval[month_day_nano] (nanoseconds floored).
CalendarParts calendar_interval(const ArrayView& a, uint64_t i);

}  // namespace sparkctl::arrow::detail
