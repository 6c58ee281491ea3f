#include "sparkctl/connect/schema.hpp"

#include "spark/connect/types.pb.h"

namespace sparkctl::connect {

using spark::connect::DataType;

std::string type_string(const DataType& t) {
  switch (t.kind_case()) {
    case DataType::kNull:
      return "void";
    case DataType::kBinary:
      return "binary";
    case DataType::kBoolean:
      return "boolean";
    case DataType::kByte:
      return "tinyint";
    case DataType::kShort:
      return "smallint";
    case DataType::kInteger:
      return "int";
    case DataType::kLong:
      return "bigint";
    case DataType::kFloat:
      return "float";
    case DataType::kDouble:
      return "double";
    case DataType::kDecimal: {
      const auto& d = t.decimal();
      return "decimal(" + std::to_string(d.has_precision() ? d.precision() : 10) + "," +
             std::to_string(d.has_scale() ? d.scale() : 0) + ")";
    }
    case DataType::kString:
      return "string";
    case DataType::kChar:
      return "char(" + std::to_string(t.char_().length()) + ")";
    case DataType::kVarChar:
      return "varchar(" + std::to_string(t.var_char().length()) + ")";
    case DataType::kDate:
      return "date";
    case DataType::kTimestamp:
      return "timestamp";
    case DataType::kTimestampNtz:
      return "timestamp_ntz";
    case DataType::kCalendarInterval:
      return "interval";
    case DataType::kYearMonthInterval:
      return "interval year to month";
    case DataType::kDayTimeInterval:
      return "interval day to second";
    case DataType::kArray:
      return "array<" + type_string(t.array().element_type()) + ">";
    case DataType::kMap:
      return "map<" + type_string(t.map().key_type()) + "," + type_string(t.map().value_type()) +
             ">";
    case DataType::kStruct: {
      std::string out = "struct<";
      for (int i = 0; i < t.struct_().fields_size(); ++i) {
        const auto& f = t.struct_().fields(i);
        out += (i ? "," : "") + f.name() + ":" + type_string(f.data_type());
      }
      return out + ">";
    }
    case DataType::kVariant:
      return "variant";
    case DataType::kUdt:
      return t.udt().has_sql_type() ? type_string(t.udt().sql_type()) : t.udt().type();
    case DataType::kUnparsed:
      return t.unparsed().data_type_string();
    case DataType::kTime:
      return "time";
    default:
      return "unknown";
  }
}

Schema to_schema(const DataType& type) {
  Schema out;
  if (type.kind_case() != DataType::kStruct) {
    out.push_back({"value", type_string(type), true});
    return out;
  }
  for (const auto& f : type.struct_().fields()) {
    out.push_back({f.name(), type_string(f.data_type()), f.nullable()});
  }
  return out;
}

}  // namespace sparkctl::connect
