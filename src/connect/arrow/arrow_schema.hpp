// The Arrow schema as the reader needs it: the Field of each column
// plus the physical details (bit widths, units, children) that decide how
// its buffers are laid out in a record batch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "flatbuffer_view.hpp"

namespace sparkctl::arrow {

// The broad kind of an Arrow column: integers of every width, floating
// point of every width, utf8 and binary of every offset width; the rest
// (nested, times, durations, intervals) is `unsupported` here and told
// apart by its Physical layout.
enum class Type {
  null,
  boolean,
  int8,
  int16,
  int32,
  int64,
  float32,
  float64,
  decimal128,
  utf8,
  binary,
  date32,
  timestamp,
  unsupported
};

struct Field {
  std::string name;
  Type type = Type::null;
  bool nullable = true;
  int precision = 0;      // decimal only
  int scale = 0;          // decimal only
  std::string timezone;   // timestamp only; empty = time zone naive
  std::string type_name;  // e.g. "int64", "decimal(10,2)", "timestamp[us, UTC]"
};

}  // namespace sparkctl::arrow

namespace sparkctl::arrow::detail {

// Arrow physical layouts we can walk through (from Schema.fbs's Type union).
enum class Physical {
  null,
  boolean,
  integer,
  floating,
  decimal,
  date,
  time,
  timestamp,
  duration,
  interval,
  binary,
  large_binary,
  fixed_binary,
  list,
  large_list,
  fixed_list,
  struct_,
  map
};

struct Column {
  Field field;
  Physical physical = Physical::null;
  int bit_width = 0;      // integer, floating (16/32/64), decimal, time
  bool is_signed = true;  // integer
  int unit = 0;           // date: 0 day, 1 ms; time/timestamp/duration: 0 s .. 3 ns; interval kind
  int fixed_size = 0;     // fixed_binary byte width, fixed_list list size
  // Spark's interval fields (year 0, month 1; day 0 .. second 3): Arrow
  // does not carry them, Spark's own schema of the result does.
  int first_field = 0;
  int last_field = 0;
  std::vector<Column> children;
};

// Parses a Schema table (Message.header when header_type is Schema).
std::vector<Column> parse_schema(const fb::Table& schema);

}  // namespace sparkctl::arrow::detail
