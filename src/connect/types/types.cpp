// Construction, accessors and equality of DataType; printing, parsing and
// the protocol form live beside this file.
#include <algorithm>
#include <array>

#include "sparkctl/core/error.hpp"
#include "type_node.hpp"

namespace sparkctl::connect {
namespace {

using Kind = DataType::Kind;
using NodePtr = std::shared_ptr<const DataType::Node>;

NodePtr make_node(Kind kind, int first = 0, int second = 0) {
  auto node = std::make_shared<DataType::Node>();
  node->kind = kind;
  node->first = first;
  node->second = second;
  return node;
}

void check_interval(const char* type, int start, int end, int last, const char* fields) {
  if (start < 0 || end > last || start > end) {
    throw Error::job(std::string(type) + "(" + std::to_string(start) + ", " + std::to_string(end) +
                     "): fields must satisfy 0 <= start <= end <= " + std::to_string(last) + " (" +
                     fields + ")");
  }
}

}  // namespace

NodePtr simple_node(Kind kind) {
  static const auto nodes = [] {
    std::array<NodePtr, static_cast<std::size_t>(Kind::variant) + 1> all;
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = make_node(static_cast<Kind>(i));
    return all;
  }();
  return nodes.at(static_cast<std::size_t>(kind));
}

DataType::DataType() : node_(simple_node(Kind::null)) {}
DataType::DataType(NodePtr node) : node_(std::move(node)) {}

DataType::Kind DataType::kind() const { return node_->kind; }

namespace {

// Throws unless `type` has one of `kinds`: the accessor `what` belongs to them.
void require(const DataType& type, std::initializer_list<Kind> kinds, const char* what) {
  if (std::find(kinds.begin(), kinds.end(), type.kind()) != kinds.end()) return;
  throw Error::job(std::string(what) + "() is not defined for the Spark type " +
                   type.simple_string());
}

}  // namespace

int DataType::precision() const {
  require(*this, {Kind::decimal, Kind::time}, "precision");
  return node_->first;
}
int DataType::scale() const {
  require(*this, {Kind::decimal}, "scale");
  return node_->second;
}
int DataType::length() const {
  require(*this, {Kind::char_, Kind::varchar}, "length");
  return node_->first;
}
int DataType::start_field() const {
  require(*this, {Kind::day_time_interval, Kind::year_month_interval}, "start_field");
  return node_->first;
}
int DataType::end_field() const {
  require(*this, {Kind::day_time_interval, Kind::year_month_interval}, "end_field");
  return node_->second;
}
const std::string& DataType::collation() const {
  require(*this, {Kind::string}, "collation");
  return node_->collation;
}
const DataType& DataType::element_type() const {
  require(*this, {Kind::array}, "element_type");
  return node_->children[0];
}
bool DataType::contains_null() const {
  require(*this, {Kind::array}, "contains_null");
  return node_->contains_null;
}
const DataType& DataType::key_type() const {
  require(*this, {Kind::map}, "key_type");
  return node_->children[0];
}
const DataType& DataType::value_type() const {
  require(*this, {Kind::map}, "value_type");
  return node_->children[1];
}
bool DataType::value_contains_null() const {
  require(*this, {Kind::map}, "value_contains_null");
  return node_->contains_null;
}
const std::vector<StructField>& DataType::fields() const {
  require(*this, {Kind::struct_}, "fields");
  return node_->fields;
}
StructType DataType::as_struct() const {
  require(*this, {Kind::struct_}, "as_struct");
  return StructType(node_);
}

bool DataType::is_numeric() const {
  return is_integral() || kind() == Kind::float_ || kind() == Kind::double_ ||
         kind() == Kind::decimal;
}
bool DataType::is_integral() const {
  return kind() == Kind::byte || kind() == Kind::short_ || kind() == Kind::integer ||
         kind() == Kind::long_;
}
bool DataType::is_nested() const {
  return kind() == Kind::array || kind() == Kind::map || kind() == Kind::struct_;
}

bool operator==(const DataType& a, const DataType& b) {
  if (a.node_ == b.node_) return true;
  const DataType::Node& x = *a.node_;
  const DataType::Node& y = *b.node_;
  return x.kind == y.kind && x.first == y.first && x.second == y.second &&
         x.contains_null == y.contains_null && x.collation == y.collation &&
         x.children == y.children && x.fields == y.fields;
}

NullType::NullType() : DataType(simple_node(Kind::null)) {}
BooleanType::BooleanType() : DataType(simple_node(Kind::boolean)) {}
ByteType::ByteType() : DataType(simple_node(Kind::byte)) {}
ShortType::ShortType() : DataType(simple_node(Kind::short_)) {}
IntegerType::IntegerType() : DataType(simple_node(Kind::integer)) {}
LongType::LongType() : DataType(simple_node(Kind::long_)) {}
FloatType::FloatType() : DataType(simple_node(Kind::float_)) {}
DoubleType::DoubleType() : DataType(simple_node(Kind::double_)) {}
BinaryType::BinaryType() : DataType(simple_node(Kind::binary)) {}
DateType::DateType() : DataType(simple_node(Kind::date)) {}
TimestampType::TimestampType() : DataType(simple_node(Kind::timestamp)) {}
TimestampNTZType::TimestampNTZType() : DataType(simple_node(Kind::timestamp_ntz)) {}
CalendarIntervalType::CalendarIntervalType() : DataType(simple_node(Kind::calendar_interval)) {}
VariantType::VariantType() : DataType(simple_node(Kind::variant)) {}

DecimalType::DecimalType(int precision, int scale)
    : DataType(make_node(Kind::decimal, precision, scale)) {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    throw Error::job("DecimalType(" + std::to_string(precision) + ", " + std::to_string(scale) +
                     "): precision must be 1 to 38 and scale 0 to the precision");
  }
}

StringType::StringType(std::string collation) : DataType(simple_node(Kind::string)) {
  if (collation.empty() || collation == "UTF8_BINARY") return;
  auto node = std::make_shared<Node>(*node_);
  node->collation = std::move(collation);
  node_ = std::move(node);
}

CharType::CharType(int length) : DataType(make_node(Kind::char_, length)) {
  if (length < 1) throw Error::job("CharType(" + std::to_string(length) + "): length must be >= 1");
}

VarcharType::VarcharType(int length) : DataType(make_node(Kind::varchar, length)) {
  if (length < 1) {
    throw Error::job("VarcharType(" + std::to_string(length) + "): length must be >= 1");
  }
}

TimeType::TimeType(int precision) : DataType(make_node(Kind::time, precision)) {
  if (precision < 0 || precision > 6) {
    throw Error::job("TimeType(" + std::to_string(precision) + "): precision must be 0 to 6");
  }
}

DayTimeIntervalType::DayTimeIntervalType() : DayTimeIntervalType(day, second) {}
DayTimeIntervalType::DayTimeIntervalType(int field) : DayTimeIntervalType(field, field) {}
DayTimeIntervalType::DayTimeIntervalType(int start_field, int end_field)
    : DataType(make_node(Kind::day_time_interval, start_field, end_field)) {
  check_interval("DayTimeIntervalType", start_field, end_field, second,
                 "day=0, hour=1, minute=2, second=3");
}

YearMonthIntervalType::YearMonthIntervalType() : YearMonthIntervalType(year, month) {}
YearMonthIntervalType::YearMonthIntervalType(int field) : YearMonthIntervalType(field, field) {}
YearMonthIntervalType::YearMonthIntervalType(int start_field, int end_field)
    : DataType(make_node(Kind::year_month_interval, start_field, end_field)) {
  check_interval("YearMonthIntervalType", start_field, end_field, month, "year=0, month=1");
}

ArrayType::ArrayType(DataType element_type, bool contains_null)
    : DataType([&] {
        auto node = std::make_shared<Node>();
        node->kind = Kind::array;
        node->contains_null = contains_null;
        node->children.push_back(std::move(element_type));
        return node;
      }()) {}

MapType::MapType(DataType key_type, DataType value_type, bool value_contains_null)
    : DataType([&] {
        auto node = std::make_shared<Node>();
        node->kind = Kind::map;
        node->contains_null = value_contains_null;
        node->children.push_back(std::move(key_type));
        node->children.push_back(std::move(value_type));
        return node;
      }()) {}

StructField::StructField(std::string name, DataType data_type, bool nullable, std::string metadata)
    : name(std::move(name)),
      data_type(std::move(data_type)),
      nullable(nullable),
      metadata(std::move(metadata)) {}

bool operator==(const StructField& a, const StructField& b) {
  return a.name == b.name && a.nullable == b.nullable && a.metadata == b.metadata &&
         a.data_type == b.data_type;
}

StructType::StructType() : StructType(std::vector<StructField>{}) {}

StructType::StructType(std::vector<StructField> fields)
    : DataType([&] {
        auto node = std::make_shared<Node>();
        node->kind = Kind::struct_;
        node->fields = std::move(fields);
        return node;
      }()) {}

StructType::StructType(std::initializer_list<StructField> fields)
    : StructType(std::vector<StructField>(fields)) {}

StructType::StructType(std::shared_ptr<const Node> node) : DataType(std::move(node)) {}

StructType& StructType::add(StructField field) {
  auto node = std::make_shared<Node>(*node_);
  node->fields.push_back(std::move(field));
  node_ = std::move(node);
  return *this;
}

StructType& StructType::add(std::string name, DataType data_type, bool nullable) {
  return add(StructField(std::move(name), std::move(data_type), nullable));
}

std::optional<std::size_t> StructType::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < size(); ++i) {
    if (fields()[i].name == name) return i;
  }
  return std::nullopt;
}

const StructField& StructType::field(std::string_view name) const {
  if (auto i = index_of(name)) return fields()[*i];
  std::string known;
  for (const auto& f : fields()) known += (known.empty() ? "" : ", ") + f.name;
  throw Error::job("no field \"" + std::string(name) +
                   "\" in the schema (fields: " + (known.empty() ? "none" : known) + ")");
}

std::vector<std::string> StructType::names() const {
  std::vector<std::string> out;
  for (const auto& f : fields()) out.push_back(f.name);
  return out;
}

}  // namespace sparkctl::connect
