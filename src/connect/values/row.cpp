// Row and Rows: values by position and by field name.
#include <ostream>

#include "sparkctl/connect/value.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

Row::Row(std::vector<Value> values) : values_(std::move(values)) {}
Row::Row(std::initializer_list<Value> values) : values_(values) {}

Row::Row(std::shared_ptr<const StructType> schema, std::vector<Value> values)
    : schema_(std::move(schema)), values_(std::move(values)) {
  if (schema_ && schema_->size() != values_.size()) {
    throw Error::job("a row of " + std::to_string(values_.size()) + " values for a schema of " +
                     std::to_string(schema_->size()) + " fields (" + schema_->simple_string() +
                     ")");
  }
}

std::vector<Value>::const_iterator Row::begin() const { return values_.begin(); }
std::vector<Value>::const_iterator Row::end() const { return values_.end(); }

const Value& Row::operator[](std::size_t index) const {
  if (index >= values_.size()) {
    throw Error::job("row index " + std::to_string(index) + " is out of range: the row has " +
                     std::to_string(values_.size()) + " values");
  }
  return values_[index];
}

std::size_t Row::index_of(std::string_view name) const {
  if (!schema_) {
    throw Error::job("this row has no field names (it was built from values alone); no field '" +
                     std::string(name) + "'");
  }
  if (auto index = schema_->index_of(name)) return *index;
  std::string names;
  for (const auto& field : *schema_) names += (names.empty() ? "" : ", ") + field.name;
  throw Error::job("the row has no field '" + std::string(name) + "' (its fields: " + names + ")");
}

const Value& Row::operator[](std::string_view name) const { return values_[index_of(name)]; }

namespace {

// What a typed getter reports: which field held what.
template <typename Get>
decltype(auto) typed(const Row& row, std::size_t index, const char* wanted, Get&& get) {
  const Value& v = row[index];
  try {
    return get(v);
  } catch (const Error&) {
    std::string where = row.schema() ? "field '" + (*row.schema())[index].name + "'"
                                     : "value " + std::to_string(index);
    throw Error::job(where + " is " + Value::describe_kind(v.kind()) + ", not " + wanted);
  }
}

}  // namespace

bool Row::is_null(std::size_t index) const { return (*this)[index].is_null(); }
bool Row::is_null(std::string_view name) const { return (*this)[name].is_null(); }

bool Row::get_bool(std::size_t i) const {
  return typed(*this, i, "a boolean", [](const Value& v) { return v.as_bool(); });
}
int64_t Row::get_long(std::size_t i) const {
  return typed(*this, i, "an integer", [](const Value& v) { return v.as_long(); });
}
int32_t Row::get_int(std::size_t i) const {
  const int64_t v = get_long(i);
  if (v < INT32_MIN || v > INT32_MAX) {
    throw Error::job("value " + std::to_string(v) + " at " + std::to_string(i) +
                     " does not fit in an int; use get_long()");
  }
  return static_cast<int32_t>(v);
}
double Row::get_double(std::size_t i) const {
  return typed(*this, i, "a floating point number", [](const Value& v) { return v.as_double(); });
}
const std::string& Row::get_string(std::size_t i) const {
  return typed(*this, i, "a string",
               [](const Value& v) -> const std::string& { return v.as_string(); });
}
const Decimal& Row::get_decimal(std::size_t i) const {
  return typed(*this, i, "a decimal",
               [](const Value& v) -> const Decimal& { return v.as_decimal(); });
}
const Date& Row::get_date(std::size_t i) const {
  return typed(*this, i, "a date", [](const Value& v) -> const Date& { return v.as_date(); });
}
const Timestamp& Row::get_timestamp(std::size_t i) const {
  return typed(*this, i, "a timestamp",
               [](const Value& v) -> const Timestamp& { return v.as_timestamp(); });
}
const std::vector<Value>& Row::get_array(std::size_t i) const {
  return typed(*this, i, "an array",
               [](const Value& v) -> const std::vector<Value>& { return v.as_array(); });
}
const Row& Row::get_struct(std::size_t i) const {
  return typed(*this, i, "a struct", [](const Value& v) -> const Row& { return v.as_struct(); });
}

bool Row::get_bool(std::string_view n) const { return get_bool(index_of(n)); }
int32_t Row::get_int(std::string_view n) const { return get_int(index_of(n)); }
int64_t Row::get_long(std::string_view n) const { return get_long(index_of(n)); }
double Row::get_double(std::string_view n) const { return get_double(index_of(n)); }
const std::string& Row::get_string(std::string_view n) const { return get_string(index_of(n)); }
const Decimal& Row::get_decimal(std::string_view n) const { return get_decimal(index_of(n)); }
const Date& Row::get_date(std::string_view n) const { return get_date(index_of(n)); }
const Timestamp& Row::get_timestamp(std::string_view n) const { return get_timestamp(index_of(n)); }
const std::vector<Value>& Row::get_array(std::string_view n) const {
  return get_array(index_of(n));
}
const Row& Row::get_struct(std::string_view n) const { return get_struct(index_of(n)); }

std::string Row::to_string() const {
  std::string out = schema_ ? "Row(" : "[";
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (i != 0) out += ", ";
    if (!schema_) {
      out += values_[i].to_string();
      continue;
    }
    out += (*schema_)[i].name + "=";
    const bool quoted = values_[i].kind() == Value::Kind::string;
    out += quoted ? "'" + values_[i].as_string() + "'" : values_[i].to_string();
  }
  return out + (schema_ ? ")" : "]");
}

bool operator==(const Row& a, const Row& b) {
  if (a.values_ != b.values_) return false;
  if (!a.schema_ || !b.schema_) return true;
  return a.schema_->names() == b.schema_->names();
}

std::ostream& operator<<(std::ostream& out, const Row& row) { return out << row.to_string(); }

Rows::Rows(StructType schema, std::vector<Row> rows)
    : schema_(std::make_shared<const StructType>(std::move(schema))) {
  rows_.reserve(rows.size());
  for (Row& row : rows) push_back(std::vector<Value>(row.values()));
}

const Row& Rows::operator[](std::size_t index) const {
  if (index >= rows_.size()) {
    throw Error::job("row " + std::to_string(index) + " is out of range: the result has " +
                     std::to_string(rows_.size()) + " rows");
  }
  return rows_[index];
}

void Rows::push_back(std::vector<Value> values) { rows_.emplace_back(schema_, std::move(values)); }

}  // namespace sparkctl::connect
