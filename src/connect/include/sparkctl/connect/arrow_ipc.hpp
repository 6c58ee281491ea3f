// Rows as Arrow IPC streams, both ways: the format Spark Connect sends
// results in and takes local data in (LocalRelation, create_data_frame()).
// Arrow C++ is not packaged for Debian, so both directions are sparkctl's
// own (src/connect/arrow/): a stream is a Schema message, record batches,
// the end-of-stream marker.
//
// Types map as Spark's own Arrow conversion maps them: ByteType..LongType
// to int8..int64, FloatType/DoubleType to float32/64, DecimalType to
// decimal128, StringType (char, varchar) to utf8, BinaryType to binary,
// DateType to date32, TimestampType to timestamp[us, UTC],
// TimestampNTZType to timestamp[us], TimeType to time64[ns],
// DayTimeIntervalType to duration[us], YearMonthIntervalType to
// interval[year_month], CalendarIntervalType to interval[month_day_nano],
// arrays to list<element>, maps to map<key, value>, structs to struct.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/value.hpp"

namespace sparkctl::connect {

// Decodes one IPC stream. Malformed bytes are an Error ("arrow: ..."),
// never a crash: every offset and length is checked.
Rows read_arrow_ipc(std::string_view stream);

// Encodes `rows` as one stream of `schema` (one record batch). A value
// that does not fit its column is Error::job naming the row and column:
// integers into float, double and decimal columns are converted, other
// kinds must match (a string for StringType, Bytes for BinaryType, ...).
std::string write_arrow_ipc(const StructType& schema, const std::vector<Row>& rows);
std::string write_arrow_ipc(const Rows& rows);

}  // namespace sparkctl::connect
