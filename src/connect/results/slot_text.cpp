#include "slot_text.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <limits>

#include "../arrow/scalars.hpp"
#include "../values/spark_text.hpp"
#include "../values/time_zone.hpp"
#include "sparkctl/core/base64.hpp"

namespace sparkctl::connect::results {
namespace {

using arrow::detail::Column;
using arrow::detail::Physical;
namespace scalars = arrow::detail;

bool is_text(const Column& c) { return c.field.type == arrow::Type::utf8; }

void append_json_double(std::string& out, double v) {
  if (std::isfinite(v)) {
    text::append_double(out, v);  // Java's text is a valid JSON number (1.0E10, -0.0)
  } else {
    out += '"';
    text::append_double(out, v);  // NaN, Infinity, -Infinity: JSON has no literal for them
    out += '"';
  }
}

// An ISO 8601 instant or local date-time: 2024-02-29T12:34:56.789[Z].
void append_json_timestamp(std::string& out, int64_t micros, bool instant) {
  out += '"';
  size_t at = out.size();
  text::append_local_timestamp(out, micros);
  out[out.find(' ', at)] = 'T';
  if (instant) out += 'Z';
  out += '"';
}

}  // namespace

const TimeZone& SlotText::zone(std::string_view id) {
  if (!zone_ || id != zone_id_) {
    zone_id_ = std::string(id);
    zone_ = TimeZone::find(id);
    if (!zone_) {
      spdlog::warn("unknown time zone '{}' in the result; timestamps are shown in UTC", zone_id_);
      zone_ = TimeZone::utc();
    }
  }
  return *zone_;
}

void SlotText::append_text(std::string& out, const ArrayView& a, uint64_t i) {
  const Column& c = *a.column;
  switch (c.physical) {
    case Physical::null:
      out += "NULL";
      return;
    case Physical::boolean:
      out += a.bit(i) ? "true" : "false";
      return;
    case Physical::integer:
      text::append_int(out, scalars::integer(a, i));
      return;
    case Physical::floating:
      if (c.bit_width == 32) {
        text::append_float(out, a.fixed<float>(i));
      } else {
        text::append_double(out, scalars::floating(a, i));
      }
      return;
    case Physical::decimal:
      text::append_decimal(out, scalars::decimal(a, i), c.field.scale);
      return;
    case Physical::date:
      text::append_date(out, scalars::date_days(a, i));
      return;
    case Physical::timestamp: {
      int64_t micros = scalars::timestamp_micros(a, i);
      if (!c.field.timezone.empty()) micros = zone(c.field.timezone).to_local_micros(micros);
      text::append_local_timestamp(out, micros);
      return;
    }
    case Physical::time:
      text::append_time_of_day(out, scalars::time_nanos(a, i));
      return;
    case Physical::duration:
      text::append_day_time_interval(out, scalars::duration_micros(a, i), c.first_field,
                                     c.last_field);
      return;
    case Physical::interval:
      if (c.unit == 0) {
        text::append_year_month_interval(out, a.fixed<int32_t>(i), c.first_field, c.last_field);
      } else {
        scalars::CalendarParts p = scalars::calendar_interval(a, i);
        text::append_calendar_interval(out, p.months, p.days, p.micros);
      }
      return;
    case Physical::binary:
    case Physical::large_binary:
    case Physical::fixed_binary:
      if (is_text(c)) {
        out += a.bytes(i);
      } else {
        text::append_hex_bytes(out, a.bytes(i));
      }
      return;
    default:
      append_nested_text(out, a, i);
  }
}

void SlotText::append_nested_text(std::string& out, const ArrayView& a, uint64_t i) {
  auto item = [&](const ArrayView& child, uint64_t k) {
    if (child.valid(k)) {
      append_text(out, child, k);
    } else {
      out += "NULL";
    }
  };
  switch (a.column->physical) {
    case Physical::struct_:
      out += '{';
      for (size_t f = 0; f < a.children.size(); ++f) {
        if (f != 0) out += ", ";
        item(a.children[f], i);
      }
      out += '}';
      return;
    case Physical::map: {
      auto [begin, end] = a.items(i);
      const ArrayView& entries = a.children[0];
      out += '{';
      for (uint64_t k = begin; k < end; ++k) {
        if (k != begin) out += ", ";
        item(entries.children[0], k);
        out += " -> ";
        item(entries.children[1], k);
      }
      out += '}';
      return;
    }
    default: {  // the lists
      auto [begin, end] = a.items(i);
      out += '[';
      for (uint64_t k = begin; k < end; ++k) {
        if (k != begin) out += ", ";
        item(a.children[0], k);
      }
      out += ']';
    }
  }
}

void SlotText::append_json(std::string& out, const ArrayView& a, uint64_t i) {
  if (!a.valid(i)) {
    out += "null";
    return;
  }
  const Column& c = *a.column;
  switch (c.physical) {
    case Physical::null:
      out += "null";
      return;
    case Physical::boolean:
    case Physical::integer:
    case Physical::decimal:
      append_text(out, a, i);
      return;
    case Physical::floating:
      append_json_double(out, c.bit_width == 32 ? scalars::float_as_double(a.fixed<float>(i))
                                                : scalars::floating(a, i));
      return;
    case Physical::timestamp:
      append_json_timestamp(out, scalars::timestamp_micros(a, i), !c.field.timezone.empty());
      return;
    case Physical::binary:
    case Physical::large_binary:
    case Physical::fixed_binary:
      if (is_text(c)) {
        append_json_string(out, a.bytes(i));
      } else {
        out += '"';
        append_base64(out, a.bytes(i));
        out += '"';
      }
      return;
    case Physical::struct_:
      out += '{';
      for (size_t f = 0; f < a.children.size(); ++f) {
        if (f != 0) out += ',';
        append_json_string(out, c.children[f].field.name);
        out += ':';
        append_json(out, a.children[f], i);
      }
      out += '}';
      return;
    case Physical::map: {
      auto [begin, end] = a.items(i);
      const ArrayView& keys = a.children[0].children[0];
      out += '{';
      std::string key;
      for (uint64_t k = begin; k < end; ++k) {
        if (k != begin) out += ',';
        key.clear();
        if (keys.valid(k)) append_text(key, keys, k);
        append_json_string(out, key);
        out += ':';
        append_json(out, a.children[0].children[1], k);
      }
      out += '}';
      return;
    }
    case Physical::list:
    case Physical::large_list:
    case Physical::fixed_list: {
      auto [begin, end] = a.items(i);
      out += '[';
      for (uint64_t k = begin; k < end; ++k) {
        if (k != begin) out += ',';
        append_json(out, a.children[0], k);
      }
      out += ']';
      return;
    }
    default: {  // dates, times, intervals: Spark's text as a string
      out += '"';
      append_text(out, a, i);
      out += '"';
    }
  }
}

void append_json_string(std::string& out, std::string_view s) {
  static const char hex_digits[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<uint8_t>(s[i]);
    if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
      size_t run = i + 1;
      while (run < s.size()) {
        auto r = static_cast<uint8_t>(s[run]);
        if (r < 0x20 || r >= 0x80 || r == '"' || r == '\\') break;
        ++run;
      }
      out.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    if (b < 0x80) {
      switch (b) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          out += "\\u00";
          out += hex_digits[b >> 4];
          out += hex_digits[b & 15];
      }
      ++i;
      continue;
    }
    size_t length = text::utf8_sequence_length(s, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid character
      ++i;
    } else {
      out.append(s.data() + i, length);
      i += length;
    }
  }
  out += '"';
}

}  // namespace sparkctl::connect::results
