// Value: kinds, typed access, equality and Spark's show() text.
#include "sparkctl/connect/value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>

#include "spark_text.hpp"
#include "sparkctl/core/error.hpp"
#include "time_zone.hpp"

namespace sparkctl::connect {
namespace {

using Kind = Value::Kind;

void append_value_text(std::string& out, const Value& v);

// Nested values print NULL for null, as Spark's show() does.
void append_nested(std::string& out, const Value& v) { append_value_text(out, v); }

void append_value_text(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Kind::null:
      out += "NULL";
      return;
    case Kind::boolean:
      out += v.as_bool() ? "true" : "false";
      return;
    case Kind::integer:
      text::append_int(out, v.as_long());
      return;
    case Kind::floating:
      text::append_double(out, v.as_double());
      return;
    case Kind::string:
      out += v.as_string();
      return;
    case Kind::array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) out += ", ";
        first = false;
        append_nested(out, item);
      }
      out += ']';
      return;
    }
    case Kind::map: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        append_nested(out, key);
        out += " -> ";
        append_nested(out, value);
      }
      out += '}';
      return;
    }
    case Kind::struct_: {
      out += '{';
      bool first = true;
      for (const Value& field : v.as_struct().values()) {
        if (!first) out += ", ";
        first = false;
        append_nested(out, field);
      }
      out += '}';
      return;
    }
    case Kind::decimal:
      out += v.as_decimal().to_string();
      return;
    case Kind::binary:
      out += v.as_bytes().to_string();
      return;
    case Kind::date:
      out += v.as_date().to_string();
      return;
    case Kind::timestamp:
      out += v.as_timestamp().to_string();
      return;
    case Kind::timestamp_ntz:
      out += v.as_timestamp_ntz().to_string();
      return;
    case Kind::time:
      out += v.as_time().to_string();
      return;
    case Kind::year_month_interval:
      out += v.as_year_month_interval().to_string();
      return;
    case Kind::day_time_interval:
      out += v.as_day_time_interval().to_string();
      return;
    case Kind::calendar_interval:
      out += v.as_calendar_interval().to_string();
      return;
  }
}

}  // namespace

const char* Value::kind_name(Kind kind) {
  static const char* const kind_names[] = {"NULL",
                                           "boolean",
                                           "integer",
                                           "floating point",
                                           "decimal",
                                           "string",
                                           "binary",
                                           "date",
                                           "timestamp",
                                           "timestamp_ntz",
                                           "time",
                                           "year-month interval",
                                           "day-time interval",
                                           "calendar interval",
                                           "array",
                                           "map",
                                           "struct"};
  return kind_names[static_cast<int>(kind)];
}

std::string Value::describe_kind(Kind kind) {
  if (kind == Kind::null) return "NULL";
  const std::string name = kind_name(kind);
  const bool vowel = name.find_first_of("aeiou") == 0;
  return (vowel ? "an " : "a ") + name + " value";
}

namespace {

template <typename T>
const T& get_as(
    const std::variant<std::monostate, bool, int64_t, double, Decimal, std::string, Bytes, Date,
                       Timestamp, TimestampNtz, Time, YearMonthInterval, DayTimeInterval,
                       CalendarInterval, std::vector<Value>, Value::Map, Row>& data,
    Kind wanted) {
  if (const T* v = std::get_if<T>(&data)) return *v;
  throw Error::job("expected " + Value::describe_kind(wanted) + " but it is " +
                   Value::describe_kind(static_cast<Kind>(data.index())));
}

}  // namespace

bool Value::as_bool() const { return get_as<bool>(data_, Kind::boolean); }
int64_t Value::as_long() const { return get_as<int64_t>(data_, Kind::integer); }
double Value::as_double() const { return get_as<double>(data_, Kind::floating); }
const std::string& Value::as_string() const { return get_as<std::string>(data_, Kind::string); }
const Bytes& Value::as_bytes() const { return get_as<Bytes>(data_, Kind::binary); }
const Decimal& Value::as_decimal() const { return get_as<Decimal>(data_, Kind::decimal); }
const Date& Value::as_date() const { return get_as<Date>(data_, Kind::date); }
const Timestamp& Value::as_timestamp() const { return get_as<Timestamp>(data_, Kind::timestamp); }
const TimestampNtz& Value::as_timestamp_ntz() const {
  return get_as<TimestampNtz>(data_, Kind::timestamp_ntz);
}
const Time& Value::as_time() const { return get_as<Time>(data_, Kind::time); }
const YearMonthInterval& Value::as_year_month_interval() const {
  return get_as<YearMonthInterval>(data_, Kind::year_month_interval);
}
const DayTimeInterval& Value::as_day_time_interval() const {
  return get_as<DayTimeInterval>(data_, Kind::day_time_interval);
}
const CalendarInterval& Value::as_calendar_interval() const {
  return get_as<CalendarInterval>(data_, Kind::calendar_interval);
}
const std::vector<Value>& Value::as_array() const {
  return get_as<std::vector<Value>>(data_, Kind::array);
}
const Value::Map& Value::as_map() const { return get_as<Map>(data_, Kind::map); }
const Row& Value::as_struct() const { return get_as<Row>(data_, Kind::struct_); }

std::string Value::to_string() const {
  std::string out;
  append_value_text(out, *this);
  return out;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() == Kind::floating && b.kind() == Kind::floating) {
    // NaN equals NaN, as in Spark's comparisons of floating point values.
    double x = a.as_double(), y = b.as_double();
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  return a.data_ == b.data_;
}

std::ostream& operator<<(std::ostream& out, const Value& value) { return out << value.to_string(); }

// ---- the scalar types ----

std::string Decimal::to_string() const {
  std::string out;
  text::append_decimal(out, unscaled, scale);
  return out;
}

double Decimal::to_double() const {
  // Through the text: exact digits, then the nearest double.
  const std::string digits = to_string();
  double d = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), d);
  return d;
}

Decimal Decimal::parse(std::string_view s) {
  Decimal d;
  d.precision = 0;
  d.scale = 0;
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  bool digits = false, point = false;
  int significant = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '.' && !point) {
      point = true;
      continue;
    }
    if (s[i] < '0' || s[i] > '9') break;
    digits = true;
    if (significant > 0 || s[i] != '0' || point) ++significant;
    if (significant > 38) break;
    d.unscaled = d.unscaled * 10 + (s[i] - '0');
    if (point) ++d.scale;
  }
  if (!digits || i != s.size()) {
    throw Error::job("not a decimal number with at most 38 digits: '" + std::string(s) + "'");
  }
  if (negative) d.unscaled = -d.unscaled;
  d.precision = std::max({1, significant, d.scale});
  return d;
}

bool operator==(const Decimal& a, const Decimal& b) {
  return a.unscaled == b.unscaled && a.scale == b.scale;
}

std::string Date::to_string() const {
  std::string out;
  text::append_date(out, days);
  return out;
}

Date Date::from_ymd(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = text::floor_div(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{static_cast<int32_t>(era * 146097 + doe - 719468)};
}

std::string Timestamp::to_string() const {
  std::shared_ptr<const TimeZone> tz = zone.empty() ? TimeZone::utc() : TimeZone::find(zone);
  std::string out;
  text::append_local_timestamp(out, (tz ? tz : TimeZone::utc())->to_local_micros(micros));
  return out;
}

std::string TimestampNtz::to_string() const {
  std::string out;
  text::append_local_timestamp(out, micros);
  return out;
}

std::string Time::to_string() const {
  std::string out;
  text::append_time_of_day(out, nanos);
  return out;
}

std::string YearMonthInterval::to_string() const {
  std::string out;
  text::append_year_month_interval(out, months, start_field, end_field);
  return out;
}

std::string DayTimeInterval::to_string() const {
  std::string out;
  text::append_day_time_interval(out, micros, start_field, end_field);
  return out;
}

std::string CalendarInterval::to_string() const {
  std::string out;
  text::append_calendar_interval(out, months, days, micros);
  return out;
}

std::string Bytes::to_string() const {
  std::string out;
  text::append_hex_bytes(out, data);
  return out;
}

}  // namespace sparkctl::connect
