#include "value_decoder.hpp"

#include <map>

#include "../arrow/scalars.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect::values {
namespace {

using arrow::detail::Physical;
using Kind = DataType::Kind;

DataType integer_type(const Column& c) {
  // Unsigned types need the next wider signed one.
  switch (c.bit_width + (c.is_signed ? 0 : 1)) {
    case 8:
      return ByteType();
    case 9:
    case 16:
      return ShortType();
    case 17:
    case 32:
      return IntegerType();
    default:
      return LongType();
  }
}

// Spark's TimeType precision for an Arrow time unit (s, ms, us, ns).
int time_precision(int unit) { return unit == 0 ? 0 : unit == 1 ? 3 : 6; }

// Whether `spark` describes the same values as `arrow` (the type read
// from the Arrow schema): same kinds all the way down, except that char
// and varchar are strings and interval fields are Spark's to say.
bool compatible(const DataType& arrow, const DataType& spark) {
  auto is_string = [](Kind k) {
    return k == Kind::string || k == Kind::char_ || k == Kind::varchar;
  };
  if (is_string(arrow.kind()) && is_string(spark.kind())) return true;
  if (arrow.kind() != spark.kind()) return false;
  switch (arrow.kind()) {
    case Kind::array:
      return compatible(arrow.element_type(), spark.element_type());
    case Kind::map:
      return compatible(arrow.key_type(), spark.key_type()) &&
             compatible(arrow.value_type(), spark.value_type());
    case Kind::struct_: {
      const auto& a = arrow.fields();
      const auto& s = spark.fields();
      if (a.size() != s.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!compatible(a[i].data_type, s[i].data_type)) return false;
      return true;
    }
    case Kind::decimal:
      return arrow.precision() == spark.precision() && arrow.scale() == spark.scale();
    default:
      return true;
  }
}

// Copies Spark's interval fields onto the columns (compatible() held).
void annotate(Column& c, const DataType& spark) {
  switch (spark.kind()) {
    case Kind::day_time_interval:
    case Kind::year_month_interval:
      c.first_field = spark.start_field();
      c.last_field = spark.end_field();
      return;
    case Kind::array:
      annotate(c.children[0], spark.element_type());
      return;
    case Kind::map:
      annotate(c.children[0].children[0], spark.key_type());
      annotate(c.children[0].children[1], spark.value_type());
      return;
    case Kind::struct_:
      for (size_t i = 0; i < c.children.size(); ++i)
        annotate(c.children[i], spark.fields()[i].data_type);
      return;
    default:
      return;
  }
}

}  // namespace

DataType spark_type_of(const Column& c) {
  switch (c.physical) {
    case Physical::null:
      return NullType();
    case Physical::boolean:
      return BooleanType();
    case Physical::integer:
      return integer_type(c);
    case Physical::floating:
      return c.bit_width == 64 ? DataType(DoubleType()) : DataType(FloatType());
    case Physical::decimal:
      if (c.field.precision > 38 || c.field.scale < 0 || c.field.scale > c.field.precision) {
        throw Error::cluster("arrow: column '" + c.field.name + "' is " + c.field.type_name +
                             ", beyond what Spark's DecimalType holds");
      }
      return DecimalType(c.field.precision, c.field.scale);
    case Physical::date:
      return DateType();
    case Physical::time:
      return TimeType(time_precision(c.unit));
    case Physical::timestamp:
      return c.field.timezone.empty() ? DataType(TimestampNTZType()) : DataType(TimestampType());
    case Physical::duration:
      return DayTimeIntervalType(c.first_field, c.last_field);
    case Physical::interval:
      return c.unit == 0 ? DataType(YearMonthIntervalType(c.first_field, c.last_field))
                         : DataType(CalendarIntervalType());
    case Physical::binary:
    case Physical::large_binary:
    case Physical::fixed_binary:
      return c.field.type == arrow::Type::utf8 ? DataType(StringType()) : DataType(BinaryType());
    case Physical::list:
    case Physical::large_list:
    case Physical::fixed_list:
      return ArrayType(spark_type_of(c.children[0]), c.children[0].field.nullable);
    case Physical::map: {
      const Column& entries = c.children[0];
      return MapType(spark_type_of(entries.children[0]), spark_type_of(entries.children[1]),
                     entries.children[1].field.nullable);
    }
    case Physical::struct_: {
      std::vector<StructField> fields;
      for (const Column& child : c.children)
        fields.emplace_back(child.field.name, spark_type_of(child), child.field.nullable);
      return StructType(std::move(fields));
    }
  }
  throw Error::cluster("arrow: column '" + c.field.name + "' has no Spark type");
}

StructType spark_schema_of(const std::vector<Column>& columns) {
  std::vector<StructField> fields;
  for (const Column& c : columns)
    fields.emplace_back(c.field.name, spark_type_of(c), c.field.nullable);
  return StructType(std::move(fields));
}

StructType reconcile(std::vector<Column>& columns, const StructType& spark) {
  StructType from_arrow = spark_schema_of(columns);
  if (!compatible(from_arrow, spark)) return from_arrow;
  for (size_t i = 0; i < columns.size(); ++i) annotate(columns[i], spark[i].data_type);
  return spark;
}

namespace {

// Rows of nested structs share their StructType: one per struct type.
std::shared_ptr<const StructType> struct_schema(const DataType& type) {
  thread_local std::map<const void*, std::pair<DataType, std::shared_ptr<const StructType>>> cache;
  const void* key = &type.fields();
  auto it = cache.find(key);
  if (it == cache.end() || it->second.first != type) {
    if (cache.size() > 256) cache.clear();
    // Keeping `type` in the entry keeps the address of its fields alive.
    it = cache
             .insert_or_assign(
                 key, std::make_pair(type, std::make_shared<const StructType>(type.as_struct())))
             .first;
  }
  return it->second.second;
}

}  // namespace

Value value_at(const ArrayView& a, uint64_t i, const DataType& type) {
  namespace s = arrow::detail;
  if (!a.valid(i)) return {};
  switch (type.kind()) {
    case Kind::null:
      return {};
    case Kind::boolean:
      return a.bit(i);
    case Kind::byte:
    case Kind::short_:
    case Kind::integer:
    case Kind::long_:
      return s::integer(a, i);
    case Kind::float_:
    case Kind::double_:
      return s::floating(a, i);
    case Kind::decimal:
      return Decimal{s::decimal(a, i), type.precision(), type.scale()};
    case Kind::string:
    case Kind::char_:
    case Kind::varchar:
      return std::string(a.bytes(i));
    case Kind::binary:
      return Bytes{std::string(a.bytes(i))};
    case Kind::date:
      return Date{static_cast<int32_t>(s::date_days(a, i))};
    case Kind::time:
      return Time{s::time_nanos(a, i)};
    case Kind::timestamp:
      return Timestamp{s::timestamp_micros(a, i), a.column->field.timezone};
    case Kind::timestamp_ntz:
      return TimestampNtz{s::timestamp_micros(a, i)};
    case Kind::day_time_interval:
      return DayTimeInterval{s::duration_micros(a, i), type.start_field(), type.end_field()};
    case Kind::year_month_interval:
      return YearMonthInterval{a.fixed<int32_t>(i), type.start_field(), type.end_field()};
    case Kind::calendar_interval: {
      s::CalendarParts p = s::calendar_interval(a, i);
      return CalendarInterval{p.months, p.days, p.micros};
    }
    case Kind::array: {
      auto [begin, end] = a.items(i);
      std::vector<Value> items;
      items.reserve(end - begin);
      for (uint64_t k = begin; k < end; ++k)
        items.push_back(value_at(a.children[0], k, type.element_type()));
      return items;
    }
    case Kind::map: {
      auto [begin, end] = a.items(i);
      const ArrayView& entries = a.children[0];
      Value::Map map;
      map.reserve(end - begin);
      for (uint64_t k = begin; k < end; ++k) {
        map.emplace_back(value_at(entries.children[0], k, type.key_type()),
                         value_at(entries.children[1], k, type.value_type()));
      }
      return map;
    }
    case Kind::struct_: {
      std::vector<Value> fields;
      fields.reserve(a.children.size());
      for (size_t f = 0; f < a.children.size(); ++f)
        fields.push_back(value_at(a.children[f], i, type.fields()[f].data_type));
      return Row(struct_schema(type), std::move(fields));
    }
    case Kind::variant:
      break;
  }
  // Variant (a struct of two binaries in Arrow): as what Arrow says it is.
  return value_at(a, i, spark_type_of(*a.column));
}

}  // namespace sparkctl::connect::values
