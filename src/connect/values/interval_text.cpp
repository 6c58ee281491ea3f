// Spark's text of its interval types (IntervalUtils.toYearMonthIntervalString,
// toDayTimeIntervalString in ANSI style, CalendarInterval.toString).
#include "spark_text.hpp"

namespace sparkctl::connect::text {
namespace {

// Java's BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString()
// of a non-negative amount of microseconds: "0", "4.5", "61.000001".
void append_seconds(std::string& out, uint64_t micros) {
  append_unsigned(out, micros / micros_per_second);
  append_fraction(out, static_cast<int64_t>(micros % micros_per_second), 6);
}

constexpr const char* day_time_fields[] = {"DAY", "HOUR", "MINUTE", "SECOND"};
constexpr const char* year_month_fields[] = {"YEAR", "MONTH"};

void append_qualifier(std::string& out, const char* const* names, int start, int end) {
  out += "' ";
  out += names[start];
  if (end != start) {
    out += " TO ";
    out += names[end];
  }
}

}  // namespace

void append_year_month_interval(std::string& out, int32_t months, int start, int end) {
  uint64_t magnitude =
      months < 0 ? 0 - static_cast<uint64_t>(months) : static_cast<uint64_t>(months);
  out += "INTERVAL '";
  if (start == end && start == 1) {  // MONTH: Spark prints the signed month count
    append_int(out, months);
  } else {
    if (months < 0) out += '-';
    append_unsigned(out, magnitude / 12);
    if (start != end) {
      out += '-';
      append_unsigned(out, magnitude % 12);
    }
  }
  append_qualifier(out, year_month_fields, start, end);
}

void append_day_time_interval(std::string& out, int64_t micros, int start, int end) {
  out += "INTERVAL '";
  // |INT64_MIN| does not fit in int64; unsigned arithmetic holds it.
  uint64_t rest = micros < 0 ? 0 - static_cast<uint64_t>(micros) : static_cast<uint64_t>(micros);
  if (micros < 0) out += '-';
  constexpr uint64_t unit_micros[] = {micros_per_day, micros_per_hour, micros_per_minute,
                                      micros_per_second};
  for (int field = start; field <= end; ++field) {
    if (field == 3) {  // seconds, with their fraction
      if (field != start) out += ':';
      if (rest < 10 * micros_per_second) out += '0';
      append_seconds(out, rest);
      break;
    }
    uint64_t amount = rest / unit_micros[field];
    rest %= unit_micros[field];
    if (field == start) {
      if (field == 0) {
        append_unsigned(out, amount);
      } else {
        if (amount < 10) out += '0';
        append_unsigned(out, amount);
      }
    } else {
      out += field == 1 ? ' ' : ':';
      append_two_digits(out, static_cast<int64_t>(amount));
    }
  }
  append_qualifier(out, day_time_fields, start, end);
}

void append_calendar_interval(std::string& out, int32_t months, int32_t days, int64_t micros) {
  if (months == 0 && days == 0 && micros == 0) {
    out += "0 seconds";
    return;
  }
  size_t begin = out.size();
  auto unit = [&](int64_t value, const char* name) {
    if (value == 0) return;
    if (out.size() != begin) out += ' ';
    append_int(out, value);
    out += ' ';
    out += name;
  };
  unit(months / 12, "years");
  unit(months % 12, "months");
  unit(days, "days");
  unit(micros / micros_per_hour, "hours");
  micros %= micros_per_hour;
  unit(micros / micros_per_minute, "minutes");
  micros %= micros_per_minute;
  if (micros != 0) {
    if (out.size() != begin) out += ' ';
    if (micros < 0) out += '-';
    append_seconds(out, static_cast<uint64_t>(micros < 0 ? -micros : micros));
    out += " seconds";
  }
}

}  // namespace sparkctl::connect::text
