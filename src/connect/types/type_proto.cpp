// DataType to and from the Spark Connect protocol's DataType message, with
// the protocol's defaults for unset fields (decimal(10,0), interval day to
// second, time(6)), as Spark's own clients read them.
#include "spark/connect/types.pb.h"
#include "sparkctl/core/error.hpp"
#include "type_node.hpp"

namespace sparkctl::connect {
namespace {

using Kind = DataType::Kind;
using Proto = spark::connect::DataType;

template <typename Interval>
std::pair<int, int> interval_fields(const Interval& p, int default_start, int default_end) {
  if (!p.has_start_field() && !p.has_end_field()) return {default_start, default_end};
  const int start = p.has_start_field() ? p.start_field() : default_start;
  return {start, p.has_end_field() ? p.end_field() : start};
}

[[noreturn]] void unknown(const std::string& what) {
  throw Error::cluster("the Spark server sent a data type sparkctl does not support: " + what);
}

}  // namespace

DataType DataType::from_proto(const Proto& p) {
  switch (p.kind_case()) {
    case Proto::kNull:
      return NullType();
    case Proto::kBoolean:
      return BooleanType();
    case Proto::kByte:
      return ByteType();
    case Proto::kShort:
      return ShortType();
    case Proto::kInteger:
      return IntegerType();
    case Proto::kLong:
      return LongType();
    case Proto::kFloat:
      return FloatType();
    case Proto::kDouble:
      return DoubleType();
    case Proto::kDecimal:
      return DecimalType(p.decimal().has_precision() ? p.decimal().precision() : 10,
                         p.decimal().has_scale() ? p.decimal().scale() : 0);
    case Proto::kString:
      return StringType(p.string().collation());
    case Proto::kChar:
      return CharType(p.char_().length());
    case Proto::kVarChar:
      return VarcharType(p.var_char().length());
    case Proto::kBinary:
      return BinaryType();
    case Proto::kDate:
      return DateType();
    case Proto::kTime:
      return TimeType(p.time().has_precision() ? p.time().precision() : 6);
    case Proto::kTimestamp:
      return TimestampType();
    case Proto::kTimestampNtz:
      return TimestampNTZType();
    case Proto::kDayTimeInterval: {
      const auto [start, end] = interval_fields(p.day_time_interval(), DayTimeIntervalType::day,
                                                DayTimeIntervalType::second);
      return DayTimeIntervalType(start, end);
    }
    case Proto::kYearMonthInterval: {
      const auto [start, end] = interval_fields(
          p.year_month_interval(), YearMonthIntervalType::year, YearMonthIntervalType::month);
      return YearMonthIntervalType(start, end);
    }
    case Proto::kCalendarInterval:
      return CalendarIntervalType();
    case Proto::kArray:
      return ArrayType(from_proto(p.array().element_type()), p.array().contains_null());
    case Proto::kMap:
      return MapType(from_proto(p.map().key_type()), from_proto(p.map().value_type()),
                     p.map().value_contains_null());
    case Proto::kStruct: {
      StructType out;
      for (const auto& f : p.struct_().fields()) {
        out.add(StructField(f.name(), from_proto(f.data_type()), f.nullable(), f.metadata()));
      }
      return std::move(out);
    }
    case Proto::kVariant:
      return VariantType();
    case Proto::kUdt:
      // A user-defined type travels (and is returned) as its SQL type.
      if (p.udt().has_sql_type()) return from_proto(p.udt().sql_type());
      unknown("a user-defined type without a SQL type (" + p.udt().jvm_class() + ")");
    case Proto::kUnparsed:
      return parse(p.unparsed().data_type_string());
    case Proto::KIND_NOT_SET:
      unknown("none (an empty DataType message)");
    default:
      unknown(Proto::GetDescriptor()->FindFieldByNumber(p.kind_case())->name());
  }
}

void DataType::to_proto(Proto& out) const {
  out.Clear();
  const Node& n = node();
  switch (n.kind) {
    case Kind::null:
      out.mutable_null();
      break;
    case Kind::boolean:
      out.mutable_boolean();
      break;
    case Kind::byte:
      out.mutable_byte();
      break;
    case Kind::short_:
      out.mutable_short_();
      break;
    case Kind::integer:
      out.mutable_integer();
      break;
    case Kind::long_:
      out.mutable_long_();
      break;
    case Kind::float_:
      out.mutable_float_();
      break;
    case Kind::double_:
      out.mutable_double_();
      break;
    case Kind::decimal:
      out.mutable_decimal()->set_precision(n.first);
      out.mutable_decimal()->set_scale(n.second);
      break;
    case Kind::string:
      out.mutable_string()->set_collation(n.collation);
      break;
    case Kind::char_:
      out.mutable_char_()->set_length(n.first);
      break;
    case Kind::varchar:
      out.mutable_var_char()->set_length(n.first);
      break;
    case Kind::binary:
      out.mutable_binary();
      break;
    case Kind::date:
      out.mutable_date();
      break;
    case Kind::time:
      out.mutable_time()->set_precision(n.first);
      break;
    case Kind::timestamp:
      out.mutable_timestamp();
      break;
    case Kind::timestamp_ntz:
      out.mutable_timestamp_ntz();
      break;
    case Kind::day_time_interval:
      out.mutable_day_time_interval()->set_start_field(n.first);
      out.mutable_day_time_interval()->set_end_field(n.second);
      break;
    case Kind::year_month_interval:
      out.mutable_year_month_interval()->set_start_field(n.first);
      out.mutable_year_month_interval()->set_end_field(n.second);
      break;
    case Kind::calendar_interval:
      out.mutable_calendar_interval();
      break;
    case Kind::array:
      n.children[0].to_proto(*out.mutable_array()->mutable_element_type());
      out.mutable_array()->set_contains_null(n.contains_null);
      break;
    case Kind::map:
      n.children[0].to_proto(*out.mutable_map()->mutable_key_type());
      n.children[1].to_proto(*out.mutable_map()->mutable_value_type());
      out.mutable_map()->set_value_contains_null(n.contains_null);
      break;
    case Kind::struct_:
      out.mutable_struct_();  // an empty struct is still a struct
      for (const auto& f : n.fields) {
        auto* field = out.mutable_struct_()->add_fields();
        field->set_name(f.name);
        f.data_type.to_proto(*field->mutable_data_type());
        field->set_nullable(f.nullable);
        if (!f.metadata.empty()) field->set_metadata(f.metadata);
      }
      break;
    case Kind::variant:
      out.mutable_variant();
      break;
  }
}

}  // namespace sparkctl::connect
