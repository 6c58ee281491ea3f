// Spark values decoded into C++: what collect(), first(), take() and row
// iteration return, and what create_data_frame() takes.
//
//   Rows rows = spark.sql("SELECT id, name, tags FROM people").collect();
//   for (const Row& row : rows) {
//     int64_t id = row.get_long("id");
//     const std::string& name = row.get_string(1);
//     for (const Value& tag : row["tags"].as_array()) ...
//   }
//
// A Value is one of the kinds below; SQL NULL is Kind::null. Integers of
// every width (ByteType .. LongType) are int64; floats and doubles are
// double; decimals keep their exact digits; binary is bytes; nested values
// are Values (arrays, maps as key/value pairs in order, structs as Rows).
// The typed accessors (as_long(), Row::get_string(), ...) throw
// sparkctl::Error::job naming what was there when the kind differs: that
// is a defect of the job asking.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sparkctl/connect/int128.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {

// DecimalType's value: unscaled * 10^-scale, exactly.
struct Decimal {
  int128_t unscaled = 0;
  int precision = 10;
  int scale = 0;

  // "123.45" with exactly `scale` digits after the point (Spark's text).
  std::string to_string() const;
  double to_double() const;  // nearest double; loses digits beyond ~17
  // "-123.45" -> unscaled -12345, precision 5, scale 2 (Error::job when
  // malformed or beyond 38 digits).
  static Decimal parse(std::string_view text);
  friend bool operator==(const Decimal& a, const Decimal& b);
};

// DateType: days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;
  std::string to_string() const;  // 2024-02-29
  static Date from_ymd(int year, int month, int day);
  friend bool operator==(const Date& a, const Date& b) { return a.days == b.days; }
};

// TimestampType: an instant, microseconds since 1970-01-01 00:00 UTC.
// `zone` is the session time zone Spark named for the column ("" when
// built in C++ or unknown); to_string() shows local time there, as
// Spark's show() does.
struct Timestamp {
  int64_t micros = 0;
  std::string zone;

  std::string to_string() const;  // 2024-02-29 12:34:56.789 in `zone` (UTC when empty)
  friend bool operator==(const Timestamp& a, const Timestamp& b) { return a.micros == b.micros; }
};

// TimestampNTZType: a wall-clock time, microseconds since 1970-01-01 00:00
// of no particular zone.
struct TimestampNtz {
  int64_t micros = 0;
  std::string to_string() const;
  friend bool operator==(const TimestampNtz& a, const TimestampNtz& b) {
    return a.micros == b.micros;
  }
};

// TimeType: nanoseconds since midnight.
struct Time {
  int64_t nanos = 0;
  std::string to_string() const;  // 12:34:56.789
  friend bool operator==(const Time& a, const Time& b) { return a.nanos == b.nanos; }
};

// The interval types' values carry the type's fields (YearMonthIntervalType::year,
// ...), which decide only how they print.
struct YearMonthInterval {
  int32_t months = 0;
  int start_field = 0;            // year
  int end_field = 1;              // month
  std::string to_string() const;  // INTERVAL '1-2' YEAR TO MONTH
  friend bool operator==(const YearMonthInterval& a, const YearMonthInterval& b) {
    return a.months == b.months;
  }
};

struct DayTimeInterval {
  int64_t micros = 0;
  int start_field = 0;            // day
  int end_field = 3;              // second
  std::string to_string() const;  // INTERVAL '1 02:03:04.5' DAY TO SECOND
  friend bool operator==(const DayTimeInterval& a, const DayTimeInterval& b) {
    return a.micros == b.micros;
  }
};

// CalendarIntervalType (make_interval(...)): months, days and microseconds.
struct CalendarInterval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  std::string to_string() const;  // 1 years 2 months 3 days 4.5 seconds
  friend bool operator==(const CalendarInterval& a, const CalendarInterval& b) {
    return a.months == b.months && a.days == b.days && a.micros == b.micros;
  }
};

// BinaryType: bytes, kept apart from strings.
struct Bytes {
  std::string data;
  std::string to_string() const;  // [CA FE], as Spark's show() prints binary
  friend bool operator==(const Bytes& a, const Bytes& b) { return a.data == b.data; }
};

class Value;

// One row: values by position, and by name when it knows its schema (rows
// from collect() and nested structs always do).
class Row {
 public:
  Row() = default;
  // Values without names: for create_data_frame(), which takes the schema.
  Row(std::vector<Value> values);  // NOLINT(google-explicit-constructor)
  Row(std::initializer_list<Value> values);
  // `values` must match the schema's fields in number (Error::job otherwise).
  Row(std::shared_ptr<const StructType> schema, std::vector<Value> values);

  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  const std::vector<Value>& values() const { return values_; }
  std::vector<Value>::const_iterator begin() const;
  std::vector<Value>::const_iterator end() const;
  // The schema, nullptr for a row built from values alone.
  const StructType* schema() const { return schema_.get(); }
  const std::shared_ptr<const StructType>& shared_schema() const { return schema_; }

  // Error::job for an index out of range or a name the schema lacks.
  const Value& operator[](std::size_t index) const;
  const Value& operator[](std::string_view name) const;
  const Value& get(std::size_t index) const { return (*this)[index]; }
  const Value& get(std::string_view name) const { return (*this)[name]; }
  std::size_t index_of(std::string_view name) const;

  // Typed getters: Error::job when the value is NULL or of another kind.
  bool is_null(std::size_t index) const;
  bool is_null(std::string_view name) const;
  bool get_bool(std::size_t index) const;
  bool get_bool(std::string_view name) const;
  int32_t get_int(std::size_t index) const;  // Error::job beyond int's range too
  int32_t get_int(std::string_view name) const;
  int64_t get_long(std::size_t index) const;
  int64_t get_long(std::string_view name) const;
  double get_double(std::size_t index) const;  // doubles and floats
  double get_double(std::string_view name) const;
  const std::string& get_string(std::size_t index) const;
  const std::string& get_string(std::string_view name) const;
  const Decimal& get_decimal(std::size_t index) const;
  const Decimal& get_decimal(std::string_view name) const;
  const Date& get_date(std::size_t index) const;
  const Date& get_date(std::string_view name) const;
  const Timestamp& get_timestamp(std::size_t index) const;
  const Timestamp& get_timestamp(std::string_view name) const;
  const std::vector<Value>& get_array(std::size_t index) const;
  const std::vector<Value>& get_array(std::string_view name) const;
  const Row& get_struct(std::size_t index) const;
  const Row& get_struct(std::string_view name) const;

  // Row(id=1, name='alice') as PySpark prints a Row; [1, alice] without a schema.
  std::string to_string() const;
  // Same values (and field names, when both rows have them).
  friend bool operator==(const Row& a, const Row& b);
  friend bool operator!=(const Row& a, const Row& b) { return !(a == b); }

 private:
  std::shared_ptr<const StructType> schema_;
  std::vector<Value> values_;
};

class Value {
 public:
  enum class Kind {
    null,
    boolean,
    integer,   // ByteType, ShortType, IntegerType, LongType
    floating,  // FloatType, DoubleType
    decimal,
    string,  // StringType, CharType, VarcharType
    binary,
    date,
    timestamp,
    timestamp_ntz,
    time,
    year_month_interval,
    day_time_interval,
    calendar_interval,
    array,
    map,
    struct_,
  };
  using Map = std::vector<std::pair<Value, Value>>;  // entries in the order Spark sent them

  Value() = default;                                      // NULL
  Value(std::nullptr_t) {}                                // NOLINT: NULL, as in Row({1, nullptr})
  Value(bool v) : data_(v) {}                             // NOLINT(google-explicit-constructor)
  Value(int v) : data_(int64_t{v}) {}                     // NOLINT
  Value(long v) : data_(int64_t{v}) {}                    // NOLINT
  Value(long long v) : data_(static_cast<int64_t>(v)) {}  // NOLINT
  Value(double v) : data_(v) {}                           // NOLINT
  Value(const char* v) : data_(std::string(v)) {}         // NOLINT
  Value(std::string v) : data_(std::move(v)) {}           // NOLINT
  Value(std::string_view v) : data_(std::string(v)) {}    // NOLINT
  Value(Decimal v) : data_(std::move(v)) {}               // NOLINT
  Value(Bytes v) : data_(std::move(v)) {}                 // NOLINT
  Value(Date v) : data_(v) {}                             // NOLINT
  Value(Timestamp v) : data_(std::move(v)) {}             // NOLINT
  Value(TimestampNtz v) : data_(v) {}                     // NOLINT
  Value(Time v) : data_(v) {}                             // NOLINT
  Value(YearMonthInterval v) : data_(v) {}                // NOLINT
  Value(DayTimeInterval v) : data_(v) {}                  // NOLINT
  Value(CalendarInterval v) : data_(v) {}                 // NOLINT
  Value(std::vector<Value> v) : data_(std::move(v)) {}    // NOLINT: an array
  Value(Map v) : data_(std::move(v)) {}                   // NOLINT
  Value(Row v) : data_(std::move(v)) {}                   // NOLINT: a struct

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::null; }
  static const char* kind_name(Kind kind);  // "integer", "string", ...
  // For messages: "NULL", "an integer value", "a string value", ...
  static std::string describe_kind(Kind kind);

  // Typed access; Error::job when the kind differs (NULL included).
  bool as_bool() const;
  int64_t as_long() const;
  double as_double() const;  // floating only: an integer is not silently widened
  const std::string& as_string() const;
  const Bytes& as_bytes() const;
  const Decimal& as_decimal() const;
  const Date& as_date() const;
  const Timestamp& as_timestamp() const;
  const TimestampNtz& as_timestamp_ntz() const;
  const Time& as_time() const;
  const YearMonthInterval& as_year_month_interval() const;
  const DayTimeInterval& as_day_time_interval() const;
  const CalendarInterval& as_calendar_interval() const;
  const std::vector<Value>& as_array() const;
  const Map& as_map() const;
  const Row& as_struct() const;

  // The text Spark's show() prints for it: NULL, 1.0E10, [1, 2], {a -> 1},
  // {1, x}, [CA FE], 2024-02-29 12:34:56.789, INTERVAL '1-2' YEAR TO MONTH.
  std::string to_string() const;

  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  std::variant<std::monostate, bool, int64_t, double, Decimal, std::string, Bytes, Date, Timestamp,
               TimestampNtz, Time, YearMonthInterval, DayTimeInterval, CalendarInterval,
               std::vector<Value>, Map, Row>
      data_;
};

// Prints to_string().
std::ostream& operator<<(std::ostream& out, const Value& value);
std::ostream& operator<<(std::ostream& out, const Row& row);

// A whole result: the schema and its rows, each row sharing the schema.
class Rows {
 public:
  Rows() : schema_(std::make_shared<const StructType>()) {}
  Rows(StructType schema, std::vector<Row> rows);

  const StructType& schema() const { return *schema_; }
  const std::shared_ptr<const StructType>& shared_schema() const { return schema_; }
  std::size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  const Row& operator[](std::size_t index) const;  // Error::job out of range
  std::vector<Row>::const_iterator begin() const { return rows_.begin(); }
  std::vector<Row>::const_iterator end() const { return rows_.end(); }
  const std::vector<Row>& rows() const { return rows_; }
  // Appends a row of this schema's shape (Error::job otherwise).
  void push_back(std::vector<Value> values);

 private:
  std::shared_ptr<const StructType> schema_;
  std::vector<Row> rows_;
};

}  // namespace sparkctl::connect
