// Decoding of the Arrow IPC streams Spark Connect returns as query results
// (ExecutePlanResponse.arrow_batch.data). Arrow C++ is not packaged for
// Debian, so the stream is read by hand: a Schema message, then record
// batches, each column turned into plain C++ values row by row.
//
// Malformed bytes never crash the reader: every offset is bounds-checked
// and any problem is reported as sparkctl::Error::job("arrow: ...").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sparkctl/connect/int128.hpp"

namespace sparkctl::arrow {

// Logical column types sparkctl understands. Integers of every width read as
// int64; floating point of every width as double; utf8/binary of every
// offset width as std::string. Anything else (lists, structs, maps, time,
// durations, intervals) is `unsupported`: its values are still decoded, as a
// display string in Spark's show() style, so rows keep every column.
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

using sparkctl::int128_t;
using sparkctl::uint128_t;

struct Decimal {
  int128_t unscaled = 0;  // the value is unscaled * 10^-scale
  int precision = 0;
  int scale = 0;
};

struct Date {
  int32_t days = 0;  // days since 1970-01-01
};

struct Timestamp {
  int64_t micros = 0;  // since the epoch, normalised to microseconds
  bool has_timezone = false;
};

// std::monostate is SQL NULL.
using Value =
    std::variant<std::monostate, bool, int64_t, double, std::string, Decimal, Date, Timestamp>;

struct Table {
  std::vector<Field> schema;
  std::vector<std::vector<Value>> rows;
};

// Decodes one Arrow IPC stream and appends its rows to `out`. If out.schema
// is empty it is set from the stream; otherwise the stream's schema must
// match it (same field count and types) or Error is thrown.
void decode_stream(std::string_view ipc_bytes, Table& out);

// Renders a value the way Spark's show() does: NULL, true/false, doubles as
// Java prints them (3.0, 1.0E10, NaN), decimals with their scale, dates as
// yyyy-mm-dd and timestamps as "yyyy-mm-dd hh:mm:ss[.ffffff]" in UTC with
// trailing fractional zeros dropped.
std::string to_string(const Value& v);

}  // namespace sparkctl::arrow
