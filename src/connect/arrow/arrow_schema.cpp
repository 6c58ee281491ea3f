// Schema.fbs -> Column tree. Field ids below follow the declaration order
// in Arrow's Schema.fbs (a union takes two ids: type byte, then value).
#include "arrow_schema.hpp"

#include <string>

#include "format_ids.hpp"

namespace sparkctl::arrow::detail {
namespace {

constexpr int max_nesting = 64;
// Flatbuffer tables can be shared, so a tiny message could describe a huge
// tree; cap the number of fields a schema may have (all levels together).
constexpr int max_fields = 1 << 14;
const char* const time_units[] = {"s", "ms", "us", "ns"};
const char* const interval_units[] = {"month", "day_time", "month_day_nano"};

[[noreturn]] void bad_type(const Column& c, const std::string& what) {
  throw Error::cluster("arrow: column '" + c.field.name + "': " + what);
}

int time_unit(const Column& c, const fb::Table& t, int16_t default_unit) {
  int16_t unit = t.scalar<int16_t>(0, default_unit);
  if (unit < 0 || unit > 3) bad_type(c, "invalid time unit " + std::to_string(unit));
  return unit;
}

void parse_integer(Column& c, const fb::Table& t) {
  c.physical = Physical::integer;
  c.bit_width = t.scalar<int32_t>(0, 0);
  c.is_signed = t.scalar<uint8_t>(1, 0) != 0;
  static const Type signed_types[] = {Type::int8, Type::int16, Type::int32, Type::int64};
  static const Type widened_unsigned_types[] = {Type::int16, Type::int32, Type::int64, Type::int64};
  int index = c.bit_width == 8    ? 0
              : c.bit_width == 16 ? 1
              : c.bit_width == 32 ? 2
              : c.bit_width == 64 ? 3
                                  : -1;
  if (index < 0) bad_type(c, "invalid integer bit width " + std::to_string(c.bit_width));
  c.field.type = c.is_signed ? signed_types[index] : widened_unsigned_types[index];
  c.field.type_name = (c.is_signed ? "int" : "uint") + std::to_string(c.bit_width);
}

void parse_floating(Column& c, const fb::Table& t) {
  int16_t precision = t.scalar<int16_t>(0, 0);  // HALF, SINGLE, DOUBLE
  if (precision < 0 || precision > 2) bad_type(c, "invalid floating point precision");
  c.physical = Physical::floating;
  c.bit_width = 16 << precision;
  c.field.type = precision == 2 ? Type::float64 : Type::float32;
  c.field.type_name = "float" + std::to_string(c.bit_width);
}

void parse_decimal(Column& c, const fb::Table& t) {
  c.physical = Physical::decimal;
  c.field.precision = t.scalar<int32_t>(0, 0);
  c.field.scale = t.scalar<int32_t>(1, 0);
  c.bit_width = t.scalar<int32_t>(2, 128);
  if (c.bit_width != 32 && c.bit_width != 64 && c.bit_width != 128 && c.bit_width != 256) {
    bad_type(c, "invalid decimal bit width " + std::to_string(c.bit_width));
  }
  if (c.field.precision < 1 || c.field.precision > 76 || c.field.scale < -76 ||
      c.field.scale > 76) {
    bad_type(c, "invalid decimal precision/scale");
  }
  c.field.type = Type::decimal128;
  c.field.type_name = (c.bit_width == 128 ? std::string("decimal(")
                                          : "decimal" + std::to_string(c.bit_width) + "(") +
                      std::to_string(c.field.precision) + "," + std::to_string(c.field.scale) + ")";
}

void parse_time(Column& c, const fb::Table& t) {
  c.physical = Physical::time;
  c.unit = time_unit(c, t, 1);
  c.bit_width = t.scalar<int32_t>(1, 32);
  if (c.bit_width != (c.unit <= 1 ? 32 : 64)) bad_type(c, "invalid time bit width");
  c.field.type_name = "time" + std::to_string(c.bit_width) + "[" + time_units[c.unit] + "]";
}

void parse_timestamp(Column& c, const fb::Table& t) {
  c.physical = Physical::timestamp;
  c.unit = time_unit(c, t, 0);
  c.field.type = Type::timestamp;
  c.field.timezone = std::string(t.string(1).value_or(""));
  c.field.type_name = std::string("timestamp[") + time_units[c.unit] +
                      (c.field.timezone.empty() ? "" : ", " + c.field.timezone) + "]";
}

std::string child_list(const std::vector<Column>& children, bool with_names) {
  std::string out;
  for (const Column& child : children) {
    if (!out.empty()) out += ", ";
    out += with_names ? child.field.name + ": " + child.field.type_name : child.field.type_name;
  }
  return out;
}

Column parse_field(const fb::Table& t, int depth, int& budget);

void parse_nested(Column& c, uint8_t tag, const fb::Table* type) {
  size_t want = tag == kStruct ? c.children.size() : 1;
  if (c.children.size() != want) bad_type(c, "nested type needs exactly one child");
  switch (tag) {
    case kList:
      c.physical = Physical::list;
      c.field.type_name = "list<" + child_list(c.children, false) + ">";
      break;
    case kLargeList:
      c.physical = Physical::large_list;
      c.field.type_name = "large_list<" + child_list(c.children, false) + ">";
      break;
    case kFixedSizeList:
      c.physical = Physical::fixed_list;
      c.fixed_size = type ? type->scalar<int32_t>(0, 0) : 0;
      if (c.fixed_size < 0) bad_type(c, "negative fixed list size");
      c.field.type_name = "fixed_size_list<" + child_list(c.children, false) + ">[" +
                          std::to_string(c.fixed_size) + "]";
      break;
    case kStruct:
      c.physical = Physical::struct_;
      c.field.type_name = "struct<" + child_list(c.children, true) + ">";
      break;
    case kMap: {
      const Column& entries = c.children[0];
      if (entries.physical != Physical::struct_ || entries.children.size() != 2) {
        bad_type(c, "map entries must be a struct of key and value");
      }
      c.physical = Physical::map;
      c.field.type_name = "map<" + child_list(entries.children, false) + ">";
      break;
    }
  }
}

void parse_type(Column& c, uint8_t tag, const fb::Table* type) {
  if (tag == kList || tag == kLargeList || tag == kFixedSizeList || tag == kStruct || tag == kMap) {
    return parse_nested(c, tag, type);
  }
  if (!c.children.empty()) bad_type(c, "a primitive type cannot have children");
  if (tag != kNull && tag != kBinary && tag != kUtf8 && tag != kBool && tag != kLargeBinary &&
      tag != kLargeUtf8 && type == nullptr) {
    bad_type(c, "type parameters are missing");
  }
  switch (tag) {
    case kNull:
      c.physical = Physical::null;
      c.field.type = Type::null;
      c.field.type_name = "null";
      return;
    case kBool:
      c.physical = Physical::boolean;
      c.field.type = Type::boolean;
      c.field.type_name = "bool";
      return;
    case kInt:
      return parse_integer(c, *type);
    case kFloatingPoint:
      return parse_floating(c, *type);
    case kDecimal:
      return parse_decimal(c, *type);
    case kUtf8:
      c.physical = Physical::binary;
      c.field.type = Type::utf8;
      c.field.type_name = "utf8";
      return;
    case kLargeUtf8:
      c.physical = Physical::large_binary;
      c.field.type = Type::utf8;
      c.field.type_name = "large_utf8";
      return;
    case kBinary:
      c.physical = Physical::binary;
      c.field.type = Type::binary;
      c.field.type_name = "binary";
      return;
    case kLargeBinary:
      c.physical = Physical::large_binary;
      c.field.type = Type::binary;
      c.field.type_name = "large_binary";
      return;
    case kFixedSizeBinary:
      c.physical = Physical::fixed_binary;
      c.field.type = Type::binary;
      c.fixed_size = type->scalar<int32_t>(0, 0);
      if (c.fixed_size < 0 || c.fixed_size > (1 << 24)) bad_type(c, "invalid fixed binary width");
      c.field.type_name = "fixed_size_binary[" + std::to_string(c.fixed_size) + "]";
      return;
    case kDate:
      c.physical = Physical::date;
      c.field.type = Type::date32;
      c.unit = type->scalar<int16_t>(0, 1);
      if (c.unit != 0 && c.unit != 1) bad_type(c, "invalid date unit");
      c.field.type_name = c.unit == 0 ? "date32" : "date64";
      return;
    case kTime:
      return parse_time(c, *type);
    case kTimestamp:
      return parse_timestamp(c, *type);
    case kDuration:
      c.physical = Physical::duration;
      c.unit = time_unit(c, *type, 1);
      c.last_field = 3;  // DAY TO SECOND
      c.field.type_name = std::string("duration[") + time_units[c.unit] + "]";
      return;
    case kInterval:
      c.physical = Physical::interval;
      c.unit = type->scalar<int16_t>(0, 0);
      if (c.unit < 0 || c.unit > 2) bad_type(c, "invalid interval unit");
      c.last_field = 1;  // YEAR TO MONTH
      c.field.type_name = std::string("interval[") + interval_units[c.unit] + "]";
      return;
    case kUnion:
      bad_type(c, "union columns are not supported");
    case kRunEndEncoded:
      bad_type(c, "run-end encoded columns are not supported");
    case kBinaryView:
    case kUtf8View:
    case kListView:
    case kLargeListView:
      bad_type(c, "view-layout columns are not supported");
    default:
      bad_type(c, "unknown Arrow type id " + std::to_string(tag));
  }
}

Column parse_field(const fb::Table& t, int depth, int& budget) {
  if (depth > max_nesting) throw Error::cluster("arrow: schema nests deeper than 64 levels");
  if (--budget < 0) throw Error::cluster("arrow: schema has more than 16384 fields");
  Column c;
  c.field.name = std::string(t.string(kName).value_or(""));
  c.field.nullable = t.scalar<uint8_t>(kNullable, 0) != 0;
  c.field.type = Type::unsupported;
  if (t.has(kDictionary)) {
    throw Error::cluster("arrow: column '" + c.field.name +
                         "' is dictionary-encoded, which sparkctl does not support");
  }
  fb::Vector children = t.vector(kChildren, 4);
  for (uint32_t i = 0; i < children.size(); ++i) {
    c.children.push_back(parse_field(children.table(i), depth + 1, budget));
  }
  std::optional<fb::Table> type = t.table(kType);
  parse_type(c, t.scalar<uint8_t>(kTypeType, 0), type ? &*type : nullptr);
  return c;
}

}  // namespace

std::vector<Column> parse_schema(const fb::Table& schema) {
  if (schema.scalar<int16_t>(kEndianness, 0) != 0) {
    throw Error::cluster("arrow: big-endian Arrow data is not supported");
  }
  std::vector<Column> columns;
  int budget = max_fields;
  fb::Vector fields = schema.vector(kFields, 4);
  for (uint32_t i = 0; i < fields.size(); ++i) {
    columns.push_back(parse_field(fields.table(i), 0, budget));
  }
  return columns;
}

}  // namespace sparkctl::arrow::detail
