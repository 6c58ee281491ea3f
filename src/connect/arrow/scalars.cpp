#include "scalars.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace sparkctl::arrow::detail {
namespace {

[[noreturn]] void out_of_range(const ArrayView& a, const std::string& what) {
  throw Error::cluster("arrow: column '" + a.column->field.name + "': " + what +
                       " is out of range");
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

// A value in `unit` (0 s, 1 ms, 2 us, 3 ns) as microseconds.
int64_t to_micros(const ArrayView& a, int64_t raw, int unit, const char* what) {
  static const int64_t micros_per_unit[] = {1'000'000, 1'000, 1};
  if (unit == 3) return floor_div(raw, 1'000);
  int64_t micros = 0;
  if (__builtin_mul_overflow(raw, micros_per_unit[unit], &micros)) {
    out_of_range(a, std::string(what) + " " + std::to_string(raw));
  }
  return micros;
}

double half_to_double(uint16_t h) {
  int exponent = (h >> 10) & 0x1F;
  int mantissa = h & 0x3FF;
  double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)  // subnormal
                     : exponent == 31 ? (mantissa ? std::nan("") : HUGE_VAL)
                                      : std::ldexp(mantissa | 0x400, exponent - 25);
  return (h & 0x8000) ? -magnitude : magnitude;
}

}  // namespace

int64_t integer(const ArrayView& a, uint64_t i) {
  const Column& c = *a.column;
  switch (c.bit_width) {
    case 8:
      return c.is_signed ? a.fixed<int8_t>(i) : a.fixed<uint8_t>(i);
    case 16:
      return c.is_signed ? a.fixed<int16_t>(i) : a.fixed<uint16_t>(i);
    case 32:
      return c.is_signed ? int64_t{a.fixed<int32_t>(i)} : int64_t{a.fixed<uint32_t>(i)};
    default:
      break;
  }
  if (c.is_signed) return a.fixed<int64_t>(i);
  uint64_t u = a.fixed<uint64_t>(i);
  if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    out_of_range(a, "uint64 value " + std::to_string(u));
  }
  return static_cast<int64_t>(u);
}

double float_as_double(float f) {
  if (!std::isfinite(f)) return f;
  char buf[32];
  auto written = std::to_chars(buf, buf + sizeof buf, f);
  double d = f;
  std::from_chars(buf, written.ptr, d);
  return d;
}

double floating(const ArrayView& a, uint64_t i) {
  switch (a.column->bit_width) {
    case 16:
      return half_to_double(a.fixed<uint16_t>(i));
    case 32:
      return float_as_double(a.fixed<float>(i));
    default:
      return a.fixed<double>(i);
  }
}

int128_t decimal(const ArrayView& a, uint64_t i) {
  const Column& c = *a.column;
  switch (c.bit_width) {
    case 32:
      return a.fixed<int32_t>(i);
    case 64:
      return a.fixed<int64_t>(i);
    default:
      break;
  }
  uint64_t width = static_cast<uint64_t>(c.bit_width / 64);  // 64-bit words per value
  const char* at = a.values.data() + i * width * 8;
  uint64_t low;
  int64_t high;
  std::memcpy(&low, at, 8);
  std::memcpy(&high, at + 8, 8);
  if (width == 4) {  // fits in 128 bits only if the top half is sign extension
    int64_t fill = high < 0 ? -1 : 0;
    for (int word = 2; word < 4; ++word) {
      int64_t w;
      std::memcpy(&w, at + 8 * word, 8);
      if (w != fill) out_of_range(a, "decimal256 value beyond 128 bits");
    }
  }
  return static_cast<int128_t>((static_cast<uint128_t>(high) << 64) | low);
}

int64_t date_days(const ArrayView& a, uint64_t i) {
  if (a.column->unit == 0) return a.fixed<int32_t>(i);
  return floor_div(a.fixed<int64_t>(i), 86'400'000);
}

int64_t timestamp_micros(const ArrayView& a, uint64_t i) {
  return to_micros(a, a.fixed<int64_t>(i), a.column->unit, "timestamp");
}

int64_t time_nanos(const ArrayView& a, uint64_t i) {
  static const int64_t to_nanos[] = {1'000'000'000, 1'000'000, 1'000, 1};
  const Column& c = *a.column;
  int64_t raw = c.bit_width == 32 ? a.fixed<int32_t>(i) : a.fixed<int64_t>(i);
  int64_t nanos = 0;
  if (raw < 0 || __builtin_mul_overflow(raw, to_nanos[c.unit], &nanos) ||
      nanos >= 86'400 * int64_t{1'000'000'000}) {
    out_of_range(a, "time of day " + std::to_string(raw));
  }
  return nanos;
}

int64_t duration_micros(const ArrayView& a, uint64_t i) {
  return to_micros(a, a.fixed<int64_t>(i), a.column->unit, "duration");
}

CalendarParts calendar_interval(const ArrayView& a, uint64_t i) {
  CalendarParts p;
  if (a.column->unit == 1) {  // day_time: int32 days, int32 milliseconds
    int32_t ms;
    std::memcpy(&p.days, a.values.data() + i * 8, 4);
    std::memcpy(&ms, a.values.data() + i * 8 + 4, 4);
    p.micros = int64_t{ms} * 1'000;
    return p;
  }
  int64_t nanos;  // month_day_nano: int32 months, int32 days, int64 nanoseconds
  std::memcpy(&p.months, a.values.data() + i * 16, 4);
  std::memcpy(&p.days, a.values.data() + i * 16 + 4, 4);
  std::memcpy(&nanos, a.values.data() + i * 16 + 8, 8);
  p.micros = floor_div(nanos, 1'000);
  return p;
}

}  // namespace sparkctl::arrow::detail
