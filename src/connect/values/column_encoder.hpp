// Values of one Spark type laid out as an Arrow array: the field node and
// the buffers of the column and of its children, in the pre-order a
// RecordBatch lists them, and the Field that describes it in the schema.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../arrow/flatbuffer_builder.hpp"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/value.hpp"

namespace sparkctl::connect::values {

// The body of a record batch being built.
struct BatchBody {
  struct Node {
    int64_t length;
    int64_t null_count;
  };
  struct Buffer {
    int64_t offset;
    int64_t length;
  };
  std::vector<Node> nodes;
  std::vector<Buffer> buffers;
  std::string bytes;  // every buffer padded to 8 bytes

  void add_buffer(std::string_view data);
};

// Appends the array of `slots` (nullptr or a NULL Value is SQL NULL) of
// `type` to `body`; `column` names it in errors.
void encode_column(const DataType& type, const std::vector<const Value*>& slots,
                   const std::string& column, BatchBody& body);

// Writes the Schema.fbs Field table for a column of `type`.
arrow::fb::Builder::Offset encode_field(arrow::fb::Builder& fb, const std::string& name,
                                        const DataType& type, bool nullable);

}  // namespace sparkctl::connect::values
