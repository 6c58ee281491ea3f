// to_string(): values rendered the way Spark's show() prints them.
#include "value_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::arrow {
namespace detail {

std::string format_date(int64_t days) {
  // Civil-from-days: shift the epoch to 0000-03-01 so leap days end each
  // 400-year era, then peel off eras, years and months.
  int64_t z = days + 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;                                       // [0, 146096]
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  int64_t mp = (5 * doy + 2) / 153;                                     // March = 0
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%04lld-%02d-%02d", year < 0 ? "-" : "",
                static_cast<long long>(std::llabs(year)), static_cast<int>(month),
                static_cast<int>(day));
  return buf;
}

std::string format_clock(int64_t seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return buf;
}

std::string format_fraction(int64_t fraction, int digits) {
  if (fraction == 0 || digits == 0) return "";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0 && fraction > 0; --i, fraction /= 10) {
    out[static_cast<size_t>(i)] = static_cast<char>('0' + fraction % 10);
  }
  out.erase(out.find_last_not_of('0') + 1);
  return "." + out;
}

}  // namespace detail

namespace {

// Java's Double.toString (which Spark uses): shortest round-trip digits,
// plain notation for 1e-3 <= |v| < 1e7 (always with a fractional part),
// otherwise "d.dddE[-]n".
std::string format_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.2345e+02"
  std::string sign = sci[0] == '-' ? "-" : "";
  size_t e_pos = sci.find('e');
  std::string digits;
  for (size_t i = sign.size(); i < e_pos; ++i) {
    if (sci[i] != '.') digits += sci[i];
  }
  int exponent = std::atoi(sci.c_str() + e_pos + 1);
  double magnitude = std::fabs(v);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0)
      return sign + "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    size_t int_len = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= int_len)
      return sign + digits + std::string(int_len - digits.size(), '0') + ".0";
    return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
  }
  std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mantissa + "E" + std::to_string(exponent);
}

std::string format_decimal(const Decimal& d) {
  bool negative = d.unscaled < 0;
  // Negate in unsigned space so the most negative value does not overflow.
  uint128_t magnitude =
      negative ? -static_cast<uint128_t>(d.unscaled) : static_cast<uint128_t>(d.unscaled);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (d.scale < 0) {
    digits.append(static_cast<size_t>(-d.scale), '0');
  } else if (d.scale > 0) {
    size_t scale = static_cast<size_t>(d.scale);
    if (digits.size() <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  }
  return negative ? "-" + digits : digits;
}

std::string format_timestamp(const Timestamp& t) {
  constexpr int64_t kMicrosPerDay = 86'400'000'000;
  int64_t days = detail::floor_div(t.micros, kMicrosPerDay);
  int64_t micros_of_day = detail::floor_mod(t.micros, kMicrosPerDay);
  return detail::format_date(days) + " " + detail::format_clock(micros_of_day / 1'000'000) +
         detail::format_fraction(micros_of_day % 1'000'000, 6);
}

struct Formatter {
  std::string operator()(std::monostate) const { return "NULL"; }
  std::string operator()(bool b) const { return b ? "true" : "false"; }
  std::string operator()(int64_t i) const { return std::to_string(i); }
  std::string operator()(double d) const { return format_double(d); }
  std::string operator()(const std::string& s) const { return s; }
  std::string operator()(const Decimal& d) const { return format_decimal(d); }
  std::string operator()(const Date& d) const { return detail::format_date(d.days); }
  std::string operator()(const Timestamp& t) const { return format_timestamp(t); }
};

}  // namespace

std::string to_string(const Value& v) { return std::visit(Formatter{}, v); }

}  // namespace sparkctl::arrow
