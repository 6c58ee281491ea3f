#include "column_encoder.hpp"

#include <cstring>
#include <limits>

#include "../arrow/format_ids.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect::values {
namespace {

namespace ids = arrow::detail;
using Kind = DataType::Kind;
using Builder = arrow::fb::Builder;

bool is_null(const Value* v) { return v == nullptr || v->is_null(); }

[[noreturn]] void mismatch(const std::string& column, const char* wanted, const Value& v) {
  throw Error::job("column '" + column + "': expected " + wanted + " but got " +
                   Value::describe_kind(v.kind()) +
                   (v.is_null() ? "" : " (" + v.to_string() + ")"));
}

template <typename T>
void append_le(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

std::string validity_of(const std::vector<const Value*>& slots) {
  std::string bits((slots.size() + 7) / 8, '\0');
  for (size_t i = 0; i < slots.size(); ++i)
    if (!is_null(slots[i])) bits[i >> 3] = static_cast<char>(bits[i >> 3] | (1 << (i & 7)));
  return bits;
}

int64_t integer_in_range(const std::string& column, const Value& v, int bits) {
  if (v.kind() != Value::Kind::integer) mismatch(column, "an integer", v);
  const int64_t n = v.as_long();
  const int64_t max =
      bits == 64 ? std::numeric_limits<int64_t>::max() : (int64_t{1} << (bits - 1)) - 1;
  if (n > max || n < -max - 1) {
    throw Error::job("column '" + column + "': " + std::to_string(n) + " does not fit in " +
                     std::to_string(bits) + " bits");
  }
  return n;
}

double floating_of(const std::string& column, const Value& v) {
  if (v.kind() == Value::Kind::integer) return static_cast<double>(v.as_long());
  if (v.kind() != Value::Kind::floating) mismatch(column, "a floating point number", v);
  return v.as_double();
}

// The unscaled digits of `v` at the column's scale, within its precision.
int128_t decimal_of(const std::string& column, const Value& v, int precision, int scale) {
  int128_t unscaled = 0;
  int from_scale = 0;
  if (v.kind() == Value::Kind::integer) {
    unscaled = v.as_long();
  } else if (v.kind() == Value::Kind::decimal) {
    unscaled = v.as_decimal().unscaled;
    from_scale = v.as_decimal().scale;
  } else {
    mismatch(column, "a decimal", v);
  }
  int128_t limit = 1;
  for (int i = 0; i < precision; ++i) limit *= 10;
  for (; from_scale < scale; ++from_scale) {
    if (unscaled >= limit || unscaled <= -limit) break;  // already too many digits
    unscaled *= 10;
  }
  for (; from_scale > scale; --from_scale) {
    if (unscaled % 10 != 0) {
      throw Error::job("column '" + column + "': " + v.to_string() + " has more than " +
                       std::to_string(scale) + " digits after the point");
    }
    unscaled /= 10;
  }
  if (unscaled >= limit || unscaled <= -limit) {
    throw Error::job("column '" + column + "': " + v.to_string() + " does not fit in decimal(" +
                     std::to_string(precision) + "," + std::to_string(scale) + ")");
  }
  return unscaled;
}

// The fixed-width values of a column, one `write(out, value)` per valid slot
// (zeros in NULL slots).
template <typename T, typename Write>
std::string fixed_values(const std::vector<const Value*>& slots, Write&& write) {
  std::string out;
  out.reserve(slots.size() * sizeof(T));
  for (const Value* v : slots) {
    if (is_null(v)) {
      append_le<T>(out, T{});
    } else {
      write(out, *v);
    }
  }
  return out;
}

template <typename T, typename Get>
void encode_fixed(const std::vector<const Value*>& slots, BatchBody& body, Get&& get) {
  body.add_buffer(fixed_values<T>(
      slots, [&](std::string& out, const Value& v) { append_le<T>(out, static_cast<T>(get(v))); }));
}

// Offsets (int32) and the bytes of string or binary slots.
void encode_bytes(const std::vector<const Value*>& slots, BatchBody& body, bool text,
                  const std::string& column) {
  std::string offsets, data;
  append_le<int32_t>(offsets, 0);
  for (const Value* v : slots) {
    if (!is_null(v)) {
      if (text && v->kind() != Value::Kind::string) mismatch(column, "a string", *v);
      if (!text && v->kind() != Value::Kind::binary) mismatch(column, "binary (Bytes)", *v);
      data += text ? v->as_string() : v->as_bytes().data;
    }
    if (data.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw Error::job("column '" + column + "': more than 2 GiB of data in one batch");
    }
    append_le<int32_t>(offsets, static_cast<int32_t>(data.size()));
  }
  body.add_buffer(offsets);
  body.add_buffer(data);
}

// The item count of each list slot as int32 offsets; collects the items.
std::string list_offsets(const std::vector<const Value*>& slots, std::vector<const Value*>& items,
                         const std::string& column, bool map,
                         std::vector<const Value*>* values = nullptr) {
  std::string offsets;
  append_le<int32_t>(offsets, 0);
  for (const Value* v : slots) {
    if (!is_null(v)) {
      if (map) {
        if (v->kind() != Value::Kind::map) mismatch(column, "a map", *v);
        for (const auto& [key, value] : v->as_map()) {
          items.push_back(&key);
          values->push_back(&value);
        }
      } else {
        if (v->kind() != Value::Kind::array) mismatch(column, "an array", *v);
        for (const Value& item : v->as_array()) items.push_back(&item);
      }
    }
    append_le<int32_t>(offsets, static_cast<int32_t>(items.size()));
  }
  return offsets;
}

}  // namespace

void BatchBody::add_buffer(std::string_view data) {
  buffers.push_back({static_cast<int64_t>(bytes.size()), static_cast<int64_t>(data.size())});
  bytes += data;
  bytes.append((8 - bytes.size() % 8) % 8, '\0');
}

void encode_column(const DataType& type, const std::vector<const Value*>& slots,
                   const std::string& column, BatchBody& body) {
  int64_t nulls = 0;
  for (const Value* v : slots) nulls += is_null(v) ? 1 : 0;
  body.nodes.push_back({static_cast<int64_t>(slots.size()), nulls});
  if (type.kind() == Kind::null) {
    for (const Value* v : slots)
      if (!is_null(v)) mismatch(column, "NULL (a void column)", *v);
    return;  // a null array has no buffers
  }
  body.add_buffer(validity_of(slots));
  const std::string& c = column;
  switch (type.kind()) {
    case Kind::boolean: {
      std::string bits((slots.size() + 7) / 8, '\0');
      for (size_t i = 0; i < slots.size(); ++i) {
        if (is_null(slots[i])) continue;
        if (slots[i]->kind() != Value::Kind::boolean) mismatch(c, "a boolean", *slots[i]);
        if (slots[i]->as_bool()) bits[i >> 3] = static_cast<char>(bits[i >> 3] | (1 << (i & 7)));
      }
      body.add_buffer(bits);
      return;
    }
    case Kind::byte:
      return encode_fixed<int8_t>(slots, body,
                                  [&](const Value& v) { return integer_in_range(c, v, 8); });
    case Kind::short_:
      return encode_fixed<int16_t>(slots, body,
                                   [&](const Value& v) { return integer_in_range(c, v, 16); });
    case Kind::integer:
      return encode_fixed<int32_t>(slots, body,
                                   [&](const Value& v) { return integer_in_range(c, v, 32); });
    case Kind::long_:
      return encode_fixed<int64_t>(slots, body,
                                   [&](const Value& v) { return integer_in_range(c, v, 64); });
    case Kind::float_:
      return encode_fixed<float>(slots, body, [&](const Value& v) { return floating_of(c, v); });
    case Kind::double_:
      return encode_fixed<double>(slots, body, [&](const Value& v) { return floating_of(c, v); });
    case Kind::decimal:
      body.add_buffer(fixed_values<int128_t>(slots, [&](std::string& out, const Value& v) {
        const int128_t d = decimal_of(c, v, type.precision(), type.scale());
        append_le<uint64_t>(out, static_cast<uint64_t>(d));
        append_le<int64_t>(out, static_cast<int64_t>(d >> 64));
      }));
      return;
    case Kind::string:
    case Kind::char_:
    case Kind::varchar:
      return encode_bytes(slots, body, true, c);
    case Kind::binary:
      return encode_bytes(slots, body, false, c);
    case Kind::date:
      return encode_fixed<int32_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::date) mismatch(c, "a date", v);
        return v.as_date().days;
      });
    case Kind::time:
      return encode_fixed<int64_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::time) mismatch(c, "a time", v);
        return v.as_time().nanos;
      });
    case Kind::timestamp:
      return encode_fixed<int64_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::timestamp) mismatch(c, "a timestamp", v);
        return v.as_timestamp().micros;
      });
    case Kind::timestamp_ntz:
      return encode_fixed<int64_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::timestamp_ntz) mismatch(c, "a timestamp_ntz", v);
        return v.as_timestamp_ntz().micros;
      });
    case Kind::day_time_interval:
      return encode_fixed<int64_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::day_time_interval) mismatch(c, "a day-time interval", v);
        return v.as_day_time_interval().micros;
      });
    case Kind::year_month_interval:
      return encode_fixed<int32_t>(slots, body, [&](const Value& v) {
        if (v.kind() != Value::Kind::year_month_interval) mismatch(c, "a year-month interval", v);
        return v.as_year_month_interval().months;
      });
    case Kind::calendar_interval: {
      std::string out;
      for (const Value* v : slots) {
        CalendarInterval i;
        if (!is_null(v)) {
          if (v->kind() != Value::Kind::calendar_interval) mismatch(c, "a calendar interval", *v);
          i = v->as_calendar_interval();
        }
        append_le<int32_t>(out, i.months);
        append_le<int32_t>(out, i.days);
        append_le<int64_t>(out, i.micros * 1000);
      }
      body.add_buffer(out);
      return;
    }
    case Kind::array: {
      std::vector<const Value*> items;
      body.add_buffer(list_offsets(slots, items, c, false));
      return encode_column(type.element_type(), items, c + ".element", body);
    }
    case Kind::map: {
      std::vector<const Value*> keys, values;
      body.add_buffer(list_offsets(slots, keys, c, true, &values));
      // The entries: a struct array without nulls, of the keys and the values.
      body.nodes.push_back({static_cast<int64_t>(keys.size()), 0});
      body.add_buffer(std::string((keys.size() + 7) / 8, '\xFF'));
      for (const Value* key : keys)
        if (is_null(key)) throw Error::job("column '" + c + "': a map key is NULL");
      encode_column(type.key_type(), keys, c + ".key", body);
      return encode_column(type.value_type(), values, c + ".value", body);
    }
    case Kind::struct_: {
      const auto& fields = type.fields();
      std::vector<std::vector<const Value*>> children(fields.size());
      for (const Value* v : slots) {
        if (!is_null(v) && v->kind() != Value::Kind::struct_) mismatch(c, "a struct (Row)", *v);
        if (!is_null(v) && v->as_struct().size() != fields.size()) {
          throw Error::job("column '" + c + "': a struct of " +
                           std::to_string(v->as_struct().size()) + " values for " +
                           std::to_string(fields.size()) + " fields");
        }
        for (size_t f = 0; f < fields.size(); ++f)
          children[f].push_back(is_null(v) ? nullptr : &v->as_struct().values()[f]);
      }
      for (size_t f = 0; f < fields.size(); ++f)
        encode_column(fields[f].data_type, children[f], c + "." + fields[f].name, body);
      return;
    }
    default:
      throw Error::job("column '" + c + "': " + type.simple_string() +
                       " values cannot be sent to Spark as Arrow data");
  }
}

}  // namespace sparkctl::connect::values
