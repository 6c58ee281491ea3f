// Schema.fbs Field tables for Spark types, as Spark's own Arrow
// conversion writes them (see sparkctl/connect/arrow_ipc.hpp).
#include "../arrow/format_ids.hpp"
#include "column_encoder.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect::values {

namespace ids = arrow::detail;
using Kind = DataType::Kind;
using Builder = arrow::fb::Builder;

namespace {

// The union tag and type table of `type` (its children are fields of their own).
std::pair<uint8_t, Builder::Offset> encode_type(Builder& fb, const DataType& type) {
  auto table = [&](uint8_t tag, auto&& add_fields) {
    fb.start_table();
    add_fields();
    return std::make_pair(tag, fb.end_table());
  };
  auto none = [] {};
  switch (type.kind()) {
    case Kind::null:
      return table(ids::kNull, none);
    case Kind::boolean:
      return table(ids::kBool, none);
    case Kind::byte:
    case Kind::short_:
    case Kind::integer:
    case Kind::long_: {
      const int bits = type.kind() == Kind::byte      ? 8
                       : type.kind() == Kind::short_  ? 16
                       : type.kind() == Kind::integer ? 32
                                                      : 64;
      return table(ids::kInt, [&] {
        fb.add_i32(0, bits);
        fb.add_bool(1, true);
      });
    }
    case Kind::float_:
    case Kind::double_:
      return table(ids::kFloatingPoint, [&] {
        fb.add_i16(0, type.kind() == Kind::float_ ? ids::kSingle : ids::kDouble);
      });
    case Kind::decimal:
      return table(ids::kDecimal, [&] {
        fb.add_i32(0, type.precision());
        fb.add_i32(1, type.scale());
        fb.add_i32(2, 128);
      });
    case Kind::string:
    case Kind::char_:
    case Kind::varchar:
      return table(ids::kUtf8, none);
    case Kind::binary:
      return table(ids::kBinary, none);
    case Kind::date:
      return table(ids::kDate, [&] { fb.add_i16(0, 0); });  // DAY
    case Kind::time:
      return table(ids::kTime, [&] {
        fb.add_i16(0, ids::kNanosecond);
        fb.add_i32(1, 64);
      });
    case Kind::timestamp: {
      // The zone names how Spark shows the instants; the values are UTC either way.
      const Builder::Offset zone = fb.create_string("UTC");
      return table(ids::kTimestamp, [&] {
        fb.add_i16(0, ids::kMicrosecond);
        fb.add_offset(1, zone);
      });
    }
    case Kind::timestamp_ntz:
      return table(ids::kTimestamp, [&] { fb.add_i16(0, ids::kMicrosecond); });
    case Kind::day_time_interval:
      return table(ids::kDuration, [&] { fb.add_i16(0, ids::kMicrosecond); });
    case Kind::year_month_interval:
      return table(ids::kInterval, [&] { fb.add_i16(0, ids::kYearMonth); });
    case Kind::calendar_interval:
      return table(ids::kInterval, [&] { fb.add_i16(0, ids::kMonthDayNano); });
    case Kind::array:
      return table(ids::kList, none);
    case Kind::map:
      return table(ids::kMap, [&] { fb.add_bool(0, false); });  // keys not sorted
    case Kind::struct_:
      return table(ids::kStruct, none);
    default:
      throw Error::job(type.simple_string() + " values cannot be sent to Spark as Arrow data");
  }
}

Builder::Offset field_table(Builder& fb, const std::string& name, const DataType& type,
                            bool nullable, const std::vector<Builder::Offset>& children) {
  const Builder::Offset children_vector = fb.create_offset_vector(children);
  const auto [tag, type_table] = encode_type(fb, type);
  const Builder::Offset name_string = fb.create_string(name);
  fb.start_table();
  fb.add_offset(ids::kName, name_string);
  fb.add_bool(ids::kNullable, nullable);
  fb.add_u8(ids::kTypeType, tag);
  fb.add_offset(ids::kType, type_table);
  fb.add_offset(ids::kChildren, children_vector);
  return fb.end_table();
}

}  // namespace

Builder::Offset encode_field(Builder& fb, const std::string& name, const DataType& type,
                             bool nullable) {
  std::vector<Builder::Offset> children;
  switch (type.kind()) {
    case Kind::array:
      children.push_back(encode_field(fb, "element", type.element_type(), type.contains_null()));
      break;
    case Kind::map: {
      // A map is a list of non-null <key, value> structs.
      std::vector<Builder::Offset> key_value = {
          encode_field(fb, "key", type.key_type(), false),
          encode_field(fb, "value", type.value_type(), type.value_contains_null())};
      children.push_back(field_table(fb, "entries", StructType(), false, key_value));
      break;
    }
    case Kind::struct_:
      for (const StructField& f : type.fields())
        children.push_back(encode_field(fb, f.name, f.data_type, f.nullable));
      break;
    default:
      break;
  }
  return field_table(fb, name, type, nullable, children);
}

}  // namespace sparkctl::connect::values
