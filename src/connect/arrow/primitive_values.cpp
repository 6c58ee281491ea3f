#include "primitive_values.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "display_format.hpp"
#include "value_format.hpp"

namespace sparkctl::arrow::detail {
namespace {

[[noreturn]] void out_of_range(const Column& c, const std::string& what) {
  throw Error::job("arrow: column '" + c.field.name + "': " + what + " is out of range");
}

template <typename T>
T slot(std::string_view values, uint64_t i) {
  return load_le<T>(values, i * sizeof(T), "array value");
}

int64_t integer(const Column& c, std::string_view values, uint64_t i) {
  switch (c.bit_width) {
    case 8:
      return c.is_signed ? slot<int8_t>(values, i) : slot<uint8_t>(values, i);
    case 16:
      return c.is_signed ? slot<int16_t>(values, i) : slot<uint16_t>(values, i);
    case 32:
      return c.is_signed ? int64_t{slot<int32_t>(values, i)} : int64_t{slot<uint32_t>(values, i)};
    default:
      break;
  }
  if (c.is_signed) return slot<int64_t>(values, i);
  uint64_t u = slot<uint64_t>(values, i);
  if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    out_of_range(c, "uint64 value " + std::to_string(u));
  }
  return static_cast<int64_t>(u);
}

double half_to_double(uint16_t h) {
  int exponent = (h >> 10) & 0x1F;
  int mantissa = h & 0x3FF;
  double magnitude = exponent == 0    ? std::ldexp(mantissa, -24)  // subnormal
                     : exponent == 31 ? (mantissa ? std::nan("") : HUGE_VAL)
                                      : std::ldexp(mantissa | 0x400, exponent - 25);
  return (h & 0x8000) ? -magnitude : magnitude;
}

// A float32 widened through its shortest decimal form, so 0.1f reads as
// 0.1 (what Spark shows) rather than 0.10000000149011612.
double widen_float(float f) {
  if (!std::isfinite(f)) return f;
  char buf[32];
  auto written = std::to_chars(buf, buf + sizeof buf, f);
  double d = f;
  std::from_chars(buf, written.ptr, d);
  return d;
}

double floating(const Column& c, std::string_view values, uint64_t i) {
  switch (c.bit_width) {
    case 16:
      return half_to_double(slot<uint16_t>(values, i));
    case 32:
      return widen_float(slot<float>(values, i));
    default:
      return slot<double>(values, i);
  }
}

Decimal decimal(const Column& c, std::string_view values, uint64_t i) {
  Decimal d;
  d.precision = c.field.precision;
  d.scale = c.field.scale;
  switch (c.bit_width) {
    case 32:
      d.unscaled = slot<int32_t>(values, i);
      return d;
    case 64:
      d.unscaled = slot<int64_t>(values, i);
      return d;
    default:
      break;
  }
  uint64_t at = i * static_cast<uint64_t>(c.bit_width / 8);
  uint64_t low = load_le<uint64_t>(values, at, "array value");
  int64_t high = load_le<int64_t>(values, at + 8, "array value");
  d.unscaled = static_cast<int128_t>((static_cast<uint128_t>(high) << 64) | low);
  if (c.bit_width == 256) {  // fits in 128 bits only if the top half is sign extension
    int64_t fill = high < 0 ? -1 : 0;
    for (uint64_t word = 2; word < 4; ++word) {
      if (load_le<int64_t>(values, at + 8 * word, "array value") != fill) {
        out_of_range(c, "decimal256 value beyond 128 bits");
      }
    }
  }
  return d;
}

Date date(const Column& c, std::string_view values, uint64_t i) {
  if (c.unit == 0) return Date{slot<int32_t>(values, i)};
  int64_t days = floor_div(slot<int64_t>(values, i), 86'400'000);
  if (days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max()) {
    out_of_range(c, "date64 value");
  }
  return Date{static_cast<int32_t>(days)};
}

Timestamp timestamp(const Column& c, std::string_view values, uint64_t i) {
  int64_t raw = slot<int64_t>(values, i);
  static const int64_t kToMicros[] = {1'000'000, 1'000, 1};
  Timestamp t;
  t.has_timezone = !c.field.timezone.empty();
  if (c.unit == 3) {
    t.micros = floor_div(raw, 1'000);
  } else if (__builtin_mul_overflow(raw, kToMicros[c.unit], &t.micros)) {
    out_of_range(c, "timestamp " + std::to_string(raw));
  }
  return t;
}

std::string interval(const Column& c, std::string_view values, uint64_t i) {
  switch (c.unit) {
    case 0:
      return format_year_month(slot<int32_t>(values, i));
    case 1:
      return format_day_time(load_le<int32_t>(values, i * 8, "array value"),
                             load_le<int32_t>(values, i * 8 + 4, "array value"));
    default:
      return format_month_day_nano(load_le<int32_t>(values, i * 16, "array value"),
                                   load_le<int32_t>(values, i * 16 + 4, "array value"),
                                   load_le<int64_t>(values, i * 16 + 8, "array value"));
  }
}

}  // namespace

uint64_t value_bits(const Column& c) {
  switch (c.physical) {
    case Physical::boolean:
      return 1;
    case Physical::integer:
    case Physical::floating:
    case Physical::decimal:
    case Physical::time:
      return static_cast<uint64_t>(c.bit_width);
    case Physical::date:
      return c.unit == 0 ? 32 : 64;
    case Physical::timestamp:
    case Physical::duration:
      return 64;
    case Physical::interval:
      return c.unit == 0 ? 32 : c.unit == 1 ? 64 : 128;
    case Physical::fixed_binary:
      return static_cast<uint64_t>(c.fixed_size) * 8;
    default:
      return 0;
  }
}

Value decode_slot(const Column& c, std::string_view values, uint64_t i) {
  switch (c.physical) {
    case Physical::boolean:
      return ((load_le<uint8_t>(values, i >> 3, "array value") >> (i & 7)) & 1) != 0;
    case Physical::integer:
      return integer(c, values, i);
    case Physical::floating:
      return floating(c, values, i);
    case Physical::decimal:
      return decimal(c, values, i);
    case Physical::date:
      return date(c, values, i);
    case Physical::timestamp:
      return timestamp(c, values, i);
    case Physical::time:
      return format_time_of_day(
          c.bit_width == 32 ? slot<int32_t>(values, i) : slot<int64_t>(values, i), c.unit);
    case Physical::duration:
      return format_duration(slot<int64_t>(values, i), c.unit);
    case Physical::interval:
      return interval(c, values, i);
    case Physical::fixed_binary: {
      uint64_t width = static_cast<uint64_t>(c.fixed_size);
      if (!in_bounds(i * width, width, values.size()))
        malformed("fixed binary value overruns its buffer");
      return std::string(values.substr(i * width, width));
    }
    default:
      malformed("not a fixed-width column");
  }
}

}  // namespace sparkctl::arrow::detail
