// The Arrow schema as the reader needs it: the public Field of each column
// plus the physical details (bit widths, units, children) that decide how
// its buffers are laid out in a record batch.
#pragma once

#include <string_view>
#include <vector>

#include "flatbuffer_view.hpp"
#include "sparkctl/connect/arrow_reader.hpp"

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
