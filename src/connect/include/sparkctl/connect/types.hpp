// Spark SQL data types, spelled as pyspark.sql.types spells them:
//
//   StructType schema({{"name", StringType()},
//                      {"tags", ArrayType(StringType())},
//                      {"price", DecimalType(10, 2), false}});
//   schema.simple_string();   // "struct<name:string,tags:array<string>,price:decimal(10,2)>"
//   DataType::parse("map<string,array<int>>") == MapType(StringType(), ArrayType(IntegerType()));
//
// A DataType is an immutable value (copies share one node). The classes
// named like PySpark's (IntegerType, ArrayType, ...) only construct one;
// every DataType answers kind() and the accessors of its kind. Nullability
// lives where Spark keeps it: StructField::nullable, ArrayType's
// contains_null, MapType's value_contains_null.
//
// Misuse (element_type() of an int, DecimalType(50, 2), a malformed type
// string) throws sparkctl::Error::job: it is a defect of the job calling it.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spark::connect {
class DataType;
}

namespace sparkctl::connect {

struct StructField;
class StructType;

class DataType {
 public:
  // One per Spark type; a trailing underscore where the name is a C++ keyword.
  enum class Kind {
    null,
    boolean,
    byte,
    short_,
    integer,
    long_,
    float_,
    double_,
    decimal,
    string,
    char_,
    varchar,
    binary,
    date,
    time,
    timestamp,      // an instant, shown in the session time zone
    timestamp_ntz,  // a wall-clock time without a time zone
    day_time_interval,
    year_month_interval,
    calendar_interval,
    array,
    map,
    struct_,
    variant,
  };

  DataType();  // NullType
  Kind kind() const;

  // The accessors of one kind; calling one on another kind throws.
  int precision() const;                           // decimal (1..38), time (0..6)
  int scale() const;                               // decimal
  int length() const;                              // char, varchar
  int start_field() const;                         // intervals: DayTimeIntervalType::day, ...
  int end_field() const;                           // intervals
  const std::string& collation() const;            // string; "" is the default UTF8_BINARY
  const DataType& element_type() const;            // array
  bool contains_null() const;                      // array
  const DataType& key_type() const;                // map
  const DataType& value_type() const;              // map
  bool value_contains_null() const;                // map
  const std::vector<StructField>& fields() const;  // struct
  StructType as_struct() const;                    // struct

  bool is_numeric() const;   // byte .. double and decimal
  bool is_integral() const;  // byte, short, integer, long
  bool is_nested() const;    // array, map, struct

  // Spark's simpleString: "int", "decimal(10,2)", "array<struct<a:int,b:string>>".
  std::string simple_string() const;
  // Spark's typeName, as printSchema and the JSON schema show it: "integer", "long", "array".
  std::string type_name() const;
  // The SQL spelling Spark's parser takes: "ARRAY<STRUCT<`a`: INT NOT NULL>>".
  std::string sql() const;

  // Parses a type as Spark writes or reads it: a simple string, a DDL type
  // ("STRUCT<a: INT NOT NULL, b STRING>", "decimal(10, 2)", "interval day to
  // second") or a DDL field list ("id BIGINT, name STRING"), which gives a struct.
  static DataType parse(std::string_view text);

  // The Spark Connect protocol form. from_proto throws Error::cluster for a
  // type sparkctl does not know (a newer server's), naming it.
  static DataType from_proto(const spark::connect::DataType& proto);
  void to_proto(spark::connect::DataType& out) const;

  friend bool operator==(const DataType& a, const DataType& b);
  friend bool operator!=(const DataType& a, const DataType& b) { return !(a == b); }

  struct Node;  // the shared immutable representation (types.cpp)

 protected:
  explicit DataType(std::shared_ptr<const Node> node);
  const Node& node() const { return *node_; }
  std::shared_ptr<const Node> node_;
};

// Prints simple_string().
std::ostream& operator<<(std::ostream& out, const DataType& type);

class NullType : public DataType {
 public:
  NullType();
};
class BooleanType : public DataType {
 public:
  BooleanType();
};
class ByteType : public DataType {  // 8-bit signed, SQL TINYINT
 public:
  ByteType();
};
class ShortType : public DataType {  // 16-bit signed, SQL SMALLINT
 public:
  ShortType();
};
class IntegerType : public DataType {  // 32-bit signed, SQL INT
 public:
  IntegerType();
};
class LongType : public DataType {  // 64-bit signed, SQL BIGINT
 public:
  LongType();
};
class FloatType : public DataType {
 public:
  FloatType();
};
class DoubleType : public DataType {
 public:
  DoubleType();
};
class DecimalType : public DataType {
 public:
  // Spark's limits: 1 <= precision <= 38, 0 <= scale <= precision.
  explicit DecimalType(int precision = 10, int scale = 0);
};
class StringType : public DataType {
 public:
  // A collation name such as "UTF8_LCASE"; "" (or "UTF8_BINARY") is the default.
  explicit StringType(std::string collation = "");
};
class CharType : public DataType {
 public:
  explicit CharType(int length);
};
class VarcharType : public DataType {
 public:
  explicit VarcharType(int length);
};
class BinaryType : public DataType {
 public:
  BinaryType();
};
class DateType : public DataType {
 public:
  DateType();
};
class TimeType : public DataType {
 public:
  explicit TimeType(int precision = 6);
};
class TimestampType : public DataType {
 public:
  TimestampType();
};
class TimestampNTZType : public DataType {
 public:
  TimestampNTZType();
};
class DayTimeIntervalType : public DataType {
 public:
  static constexpr int day = 0, hour = 1, minute = 2, second = 3;
  DayTimeIntervalType();                    // day to second
  explicit DayTimeIntervalType(int field);  // a single field: interval hour
  DayTimeIntervalType(int start_field, int end_field);
};
class YearMonthIntervalType : public DataType {
 public:
  static constexpr int year = 0, month = 1;
  YearMonthIntervalType();  // year to month
  explicit YearMonthIntervalType(int field);
  YearMonthIntervalType(int start_field, int end_field);
};
class CalendarIntervalType : public DataType {  // months, days and microseconds
 public:
  CalendarIntervalType();
};
class ArrayType : public DataType {
 public:
  explicit ArrayType(DataType element_type, bool contains_null = true);
};
class MapType : public DataType {
 public:
  MapType(DataType key_type, DataType value_type, bool value_contains_null = true);
};
class VariantType : public DataType {
 public:
  VariantType();
};

struct StructField {
  // `metadata` is a JSON object as text ("" when there is none).
  StructField(std::string name, DataType data_type, bool nullable = true,
              std::string metadata = "");

  std::string name;
  DataType data_type;
  bool nullable = true;
  std::string metadata;

  std::string simple_string() const;  // "name:type"
  friend bool operator==(const StructField& a, const StructField& b);
  friend bool operator!=(const StructField& a, const StructField& b) { return !(a == b); }
};

// Prints the field as DDL: "`name` INT NOT NULL".
std::ostream& operator<<(std::ostream& out, const StructField& field);

// The type of a row: what DataFrame::schema() returns and what
// create_data_frame and the reader take. Iterates over its fields.
class StructType : public DataType {
 public:
  StructType();
  StructType(std::vector<StructField> fields);  // NOLINT(google-explicit-constructor)
  StructType(std::initializer_list<StructField> fields);

  // Appends a field, as PySpark's add(): StructType().add("a", IntegerType()).add(...).
  StructType& add(StructField field);
  StructType& add(std::string name, DataType data_type, bool nullable = true);

  std::size_t size() const { return fields().size(); }
  bool empty() const { return fields().empty(); }
  const StructField& operator[](std::size_t index) const { return fields().at(index); }
  std::vector<StructField>::const_iterator begin() const { return fields().begin(); }
  std::vector<StructField>::const_iterator end() const { return fields().end(); }

  // By exact name; field() throws naming the fields there are.
  std::optional<std::size_t> index_of(std::string_view name) const;
  const StructField& field(std::string_view name) const;
  std::vector<std::string> names() const;  // PySpark's fieldNames()

  // The DDL field list Spark's reader and createDataFrame take: "`id` BIGINT NOT NULL, `n` STRING".
  std::string ddl() const;
  // What printSchema prints: "root\n |-- id: long (nullable = false)\n".
  std::string tree_string() const;

 private:
  friend class DataType;
  explicit StructType(std::shared_ptr<const Node> node);
};

}  // namespace sparkctl::connect
