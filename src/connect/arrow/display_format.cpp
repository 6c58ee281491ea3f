#include "display_format.hpp"

#include "value_format.hpp"

namespace sparkctl::arrow::detail {
namespace {

constexpr int64_t kPerSecond[] = {1, 1'000, 1'000'000, 1'000'000'000};
constexpr int kFractionDigits[] = {0, 3, 6, 9};

// "d hh:mm:ss[.f]" of an absolute amount in `unit`, with its sign in front.
std::string day_time(bool negative, uint64_t magnitude, int unit) {
  uint64_t per_second = static_cast<uint64_t>(kPerSecond[unit]);
  uint64_t seconds = magnitude / per_second;
  return (negative ? "-" : "") + std::to_string(seconds / 86400) + " " +
         format_clock(static_cast<int64_t>(seconds % 86400)) +
         format_fraction(static_cast<int64_t>(magnitude % per_second), kFractionDigits[unit]);
}

uint64_t magnitude_of(int64_t v) {
  return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
}

}  // namespace

std::string format_time_of_day(int64_t value, int unit) {
  int64_t per_second = kPerSecond[unit];
  if (value < 0 || value >= 86400 * per_second) return std::to_string(value);  // not a time of day
  return format_clock(value / per_second) +
         format_fraction(value % per_second, kFractionDigits[unit]);
}

std::string format_duration(int64_t value, int unit) {
  return "INTERVAL '" + day_time(value < 0, magnitude_of(value), unit) + "' DAY TO SECOND";
}

std::string format_year_month(int32_t months) {
  uint64_t m = magnitude_of(months);
  return "INTERVAL '" + std::string(months < 0 ? "-" : "") + std::to_string(m / 12) + "-" +
         std::to_string(m % 12) + "' YEAR TO MONTH";
}

std::string format_day_time(int32_t days, int32_t millis) {
  return std::to_string(days) + " days " + std::to_string(millis) + " milliseconds";
}

std::string format_month_day_nano(int32_t months, int32_t days, int64_t nanos) {
  return std::to_string(months) + " months " + std::to_string(days) + " days " +
         std::to_string(nanos) + " nanoseconds";
}

std::string format_list(const std::vector<Value>& items, uint64_t begin, uint64_t end) {
  std::string out = "[";
  for (uint64_t i = begin; i < end; ++i) {
    if (i != begin) out += ", ";
    out += to_string(items[i]);
  }
  return out + "]";
}

std::string format_struct(const std::vector<std::vector<Value>>& fields, uint64_t row) {
  std::string out = "{";
  for (size_t f = 0; f < fields.size(); ++f) {
    if (f != 0) out += ", ";
    out += to_string(fields[f][row]);
  }
  return out + "}";
}

std::string format_map(const std::vector<Value>& keys, const std::vector<Value>& values,
                       uint64_t begin, uint64_t end) {
  std::string out = "{";
  for (uint64_t i = begin; i < end; ++i) {
    if (i != begin) out += ", ";
    out += to_string(keys[i]) + " -> " + to_string(values[i]);
  }
  return out + "}";
}

}  // namespace sparkctl::arrow::detail
