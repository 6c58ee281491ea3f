// From Arrow to Spark's model: the Spark type of an Arrow column, and the
// Value in one slot of a checked array.
#pragma once

#include <vector>

#include "../arrow/array_view.hpp"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/value.hpp"

namespace sparkctl::connect::values {

using arrow::detail::ArrayView;
using arrow::detail::Column;

// The Spark type Spark's own Arrow conversion maps this Arrow type from
// (int32 -> IntegerType, timestamp with a zone -> TimestampType, without
// -> TimestampNTZType, duration -> DayTimeIntervalType, ...). Unsigned
// integers widen to the next signed type; Error for what Spark has no
// type for (decimals beyond 38 digits).
DataType spark_type_of(const Column& column);
StructType spark_schema_of(const std::vector<Column>& columns);

// Where Spark said more than Arrow can (ExecutePlanResponse.schema: the
// fields of an interval type, char and varchar), its types win. Columns
// get the interval fields too, for the writers that read them directly.
// A `spark` schema of another shape than `columns` is ignored.
StructType reconcile(std::vector<Column>& columns, const StructType& spark);

// The value in slot `i` of `a`, of Spark type `type` (spark_type_of(a's
// column) or what reconcile() gave).
Value value_at(const ArrayView& a, uint64_t i, const DataType& type);

}  // namespace sparkctl::connect::values
