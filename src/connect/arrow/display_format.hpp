// Display strings for Arrow types that have no sparkctl::arrow::Value of
// their own (Type::unsupported): times of day, durations, intervals and
// nested values, each in the shape Spark's show() prints it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::arrow::detail {

// `unit` is Arrow's TimeUnit: 0 s, 1 ms, 2 us, 3 ns.
std::string format_time_of_day(int64_t value, int unit);  // hh:mm:ss[.f]
std::string format_duration(int64_t value, int unit);     // INTERVAL 'd hh:mm:ss' DAY TO SECOND
std::string format_year_month(int32_t months);            // INTERVAL 'y-m' YEAR TO MONTH
std::string format_day_time(int32_t days, int32_t millis);
std::string format_month_day_nano(int32_t months, int32_t days, int64_t nanos);

// [a, b, NULL]
std::string format_list(const std::vector<Value>& items, uint64_t begin, uint64_t end);
// {a, b}
std::string format_struct(const std::vector<std::vector<Value>>& fields, uint64_t row);
// {k1 -> v1, k2 -> v2}
std::string format_map(const std::vector<Value>& keys, const std::vector<Value>& values,
                       uint64_t begin, uint64_t end);

}  // namespace sparkctl::arrow::detail
