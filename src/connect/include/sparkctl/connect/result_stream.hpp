// Streaming a query's result to an output as it arrives. Each Arrow batch
// Spark sends is written (and then dropped) while the next one is still
// being received on another thread, so memory stays flat however large
// the result, and decoding overlaps receiving.
//
// Formats:
//   table  Spark's show(truncate = false): the columns are sized from the
//          first 1000 rows (a streaming table cannot wait for the last);
//          a later, wider value pushes its line out instead of being cut.
//   csv    RFC 4180 quoting, a header line, '\n' line ends; NULL is an
//          empty field, the empty string "". Values as show() prints them.
//   json   one object per row (JSON lines); NULL as null, numbers as
//          numbers (decimals exact), binary as base64, dates and timestamps
//          as ISO 8601 strings (instants in UTC with 'Z'), intervals as
//          Spark's text, arrays as arrays, structs and maps as objects.
//   arrow  one Arrow IPC stream (schema, record batches, end marker) per
//          result, the batches as Spark sent them.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "sparkctl/connect/value.hpp"

namespace spark::connect {
class Relation;
}

namespace sparkctl::connect {

class Client;

enum class ResultFormat { table, csv, json, arrow };

// "table", "csv", "json", "arrow"; anything else is Error::usage.
ResultFormat parse_result_format(const std::string& name);

// Runs `relation` and writes its rows to `out` in `format` as they arrive.
// Returns the number of rows. Spark's errors propagate as SparkError; a
// failed write to `out` is an Error.
std::int64_t stream_result(Client& client, const spark::connect::Relation& relation,
                           ResultFormat format, std::ostream& out);

// Runs `relation` and decodes its whole result into Rows (DataFrame::collect()).
Rows collect_result(Client& client, const spark::connect::Relation& relation);

}  // namespace sparkctl::connect
