#include "spark_text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace sparkctl::connect::text {
namespace {

// Java's Double/Float.toString from the shortest round-trip digits.
char* write_java_float(char* out, const char* sci, const char* sci_end, bool plain) {
  // sci is "[-]d[.ddd]e[+-]xx" as std::to_chars writes it.
  const char* p = sci;
  if (*p == '-') {
    *out++ = '-';
    ++p;
  }
  char digits[32];
  int n = 0;
  const char* e = p;
  for (; e < sci_end && *e != 'e'; ++e) {
    if (*e != '.') digits[n++] = *e;
  }
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), sci_end, exponent);
  auto copy = [&](const char* from, int count) {
    std::memcpy(out, from, static_cast<size_t>(count));
    out += count;
  };
  auto zeros = [&](int count) {
    std::memset(out, '0', static_cast<size_t>(count));
    out += count;
  };
  if (plain) {
    if (exponent < 0) {
      copy("0.", 2);
      zeros(-exponent - 1);
      copy(digits, n);
      return out;
    }
    int int_len = exponent + 1;
    if (n <= int_len) {
      copy(digits, n);
      zeros(int_len - n);
      copy(".0", 2);
      return out;
    }
    copy(digits, int_len);
    *out++ = '.';
    copy(digits + int_len, n - int_len);
    return out;
  }
  *out++ = digits[0];
  *out++ = '.';
  if (n > 1) {
    copy(digits + 1, n - 1);
  } else {
    *out++ = '0';
  }
  *out++ = 'E';
  return std::to_chars(out, out + 8, exponent).ptr;
}

// NaN, infinities and zeros, which Java spells its own way; nullptr for the rest.
char* write_special(char* out, double v) {
  const char* text = nullptr;
  if (std::isnan(v)) {
    text = "NaN";
  } else if (std::isinf(v)) {
    text = v < 0 ? "-Infinity" : "Infinity";
  } else if (v == 0) {
    text = std::signbit(v) ? "-0.0" : "0.0";
  } else {
    return nullptr;
  }
  const size_t n = std::strlen(text);
  std::memcpy(out, text, n);
  return out + n;
}

uint32_t decode_utf8(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t lead = byte(i);
  int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  ++i;
  for (int k = 0; k < extra && i < s.size() && (byte(i) & 0xC0) == 0x80; ++k, ++i) {
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  return cp;
}

// The ranges Spark's show() counts as two columns wide (Utils.fullWidthRegex).
bool full_width(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

}  // namespace

void append_two_digits(std::string& out, int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

void append_unsigned(std::string& out, uint64_t v) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out.append(buf, end);
}

void append_fraction(std::string& out, int64_t fraction, int digits) {
  if (fraction == 0) return;
  char buf[16];
  for (int i = digits - 1; i >= 0; --i, fraction /= 10)
    buf[i] = static_cast<char>('0' + fraction % 10);
  int len = digits;
  while (len > 0 && buf[len - 1] == '0') --len;
  out += '.';
  out.append(buf, static_cast<size_t>(len));
}

char* write_int(char* out, int64_t v) { return std::to_chars(out, out + max_int_chars, v).ptr; }

// Shortest digits of the float's own precision (a float is not widened:
// 0.1f prints 0.1, not 0.10000000149011612).
template <typename Floating>
char* write_java_floating(char* out, Floating v) {
  if (char* end = write_special(out, v)) return end;
  char sci[max_double_chars];
  auto end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
  const Floating magnitude = std::fabs(v);
  return write_java_float(out, sci, end, magnitude >= Floating(1e-3) && magnitude < Floating(1e7));
}

char* write_double(char* out, double v) { return write_java_floating(out, v); }

char* write_float(char* out, float v) { return write_java_floating(out, v); }

void append_int(std::string& out, int64_t v) {
  char buf[max_int_chars];
  out.append(buf, write_int(buf, v));
}

void append_double(std::string& out, double v) {
  char buf[max_double_chars];
  out.append(buf, write_double(buf, v));
}

void append_float(std::string& out, float v) {
  char buf[max_double_chars];
  out.append(buf, write_float(buf, v));
}

void append_decimal(std::string& out, int128_t unscaled, int scale) {
  // Negate in unsigned space so the most negative value does not overflow.
  bool negative = unscaled < 0;
  uint128_t magnitude =
      negative ? -static_cast<uint128_t>(unscaled) : static_cast<uint128_t>(unscaled);
  char buf[48];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  size_t digits = static_cast<size_t>(buf + sizeof buf - p);
  if (negative) out += '-';
  if (scale <= 0) {
    out.append(p, digits);
    out.append(static_cast<size_t>(-scale), '0');
    return;
  }
  size_t s = static_cast<size_t>(scale);
  if (digits <= s) {
    out += "0.";
    out.append(s - digits, '0');
    out.append(p, digits);
    return;
  }
  out.append(p, digits - s);
  out += '.';
  out.append(p + digits - s, s);
}

void append_date(std::string& out, int64_t days) {
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
  if (year < 0) out += '-';
  uint64_t y = static_cast<uint64_t>(year < 0 ? -year : year);
  if (y < 1000) out.append(y < 10 ? 3 : y < 100 ? 2 : 1, '0');
  append_unsigned(out, y);
  out += '-';
  append_two_digits(out, month);
  out += '-';
  append_two_digits(out, day);
}

void append_local_timestamp(std::string& out, int64_t micros) {
  int64_t days = floor_div(micros, micros_per_day);
  int64_t of_day = floor_mod(micros, micros_per_day);
  append_date(out, days);
  out += ' ';
  int64_t seconds = of_day / micros_per_second;
  append_two_digits(out, seconds / 3600);
  out += ':';
  append_two_digits(out, seconds / 60 % 60);
  out += ':';
  append_two_digits(out, seconds % 60);
  append_fraction(out, of_day % micros_per_second, 6);
}

void append_time_of_day(std::string& out, int64_t nanos) {
  int64_t seconds = nanos / 1'000'000'000;
  append_two_digits(out, seconds / 3600);
  out += ':';
  append_two_digits(out, seconds / 60 % 60);
  out += ':';
  append_two_digits(out, seconds % 60);
  append_fraction(out, nanos % 1'000'000'000, 9);
}

void append_hex_bytes(std::string& out, std::string_view bytes) {
  static const char hex_digits[] = "0123456789ABCDEF";
  out += '[';
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ' ';
    auto b = static_cast<uint8_t>(bytes[i]);
    out += hex_digits[b >> 4];
    out += hex_digits[b & 15];
  }
  out += ']';
}

void append_escaped_for_show(std::string& out, std::string_view s) {
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* escape = nullptr;
    switch (s[i]) {
      case '\n':
        escape = "\\n";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\f':
        escape = "\\f";
        break;
      case '\b':
        escape = "\\b";
        break;
      case '\v':
        escape = "\\v";
        break;
      case '\a':
        escape = "\\a";
        break;
      default:
        continue;
    }
    out.append(s.data() + from, i - from);
    out += escape;
    from = i + 1;
  }
  out.append(s.data() + from, s.size() - from);
}

size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                  : lead >= 0xE0 && lead <= 0xEF ? 3
                  : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                 : 0;
  if (length == 0 || i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  // No overlong forms, surrogates or code points past U+10FFFF.
  if ((lead == 0xE0 && byte(i + 1) < 0xA0) || (lead == 0xED && byte(i + 1) > 0x9F) ||
      (lead == 0xF0 && byte(i + 1) < 0x90) || (lead == 0xF4 && byte(i + 1) > 0x8F))
    return 0;
  return length;
}

size_t display_width(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      ++width;
      ++i;
      continue;
    }
    uint32_t cp = decode_utf8(s, i);
    // Spark counts UTF-16 units: characters beyond the BMP take two.
    width += (cp >= 0x10000 ? 2 : 1) + (full_width(cp) ? 1 : 0);
  }
  return width;
}

}  // namespace sparkctl::connect::text
