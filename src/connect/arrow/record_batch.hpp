// Turns one RecordBatch message (metadata + body) into rows of Values.
//
// Arrow lays a batch out as two flat lists walked in schema pre-order: one
// FieldNode (length, null count) per field at every nesting level, and the
// field's buffers (validity bitmap, offsets, values, ...) in the body. The
// BatchReader consumes both lists in that order, one array at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arrow_schema.hpp"
#include "flatbuffer_view.hpp"
#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::arrow::detail {

// Appends the batch's rows to `rows`.
void decode_record_batch(const std::vector<Column>& columns, const fb::Table& batch,
                         std::string_view body, std::vector<std::vector<Value>>& rows);

[[noreturn]] void bad_column(const Column& c, const std::string& what);

// Offsets of a list or binary array of `length` slots: length + 1
// non-decreasing entries ending within `limit` (none for an empty array).
std::vector<uint64_t> parse_offsets(const Column& c, std::string_view buf, uint64_t length,
                                    int width, uint64_t limit);

class BatchReader {
 public:
  BatchReader(const fb::Table& batch, std::string_view body);

  int64_t length() const { return length_; }
  // Decodes the next array (with all its children) as one Value per slot.
  std::vector<Value> read(const Column& c);

  struct Node {
    uint64_t length = 0;
    uint64_t null_count = 0;
  };
  struct Validity {
    std::string_view bits;  // empty: every slot is valid
    bool valid(uint64_t i) const {
      return bits.empty() || ((static_cast<uint8_t>(bits[i >> 3]) >> (i & 7)) & 1) != 0;
    }
  };

 private:
  Node take_node(const Column& c);
  std::string_view take_buffer(const Column& c);
  Validity take_validity(const Column& c, const Node& node);
  std::string_view take_values(const Column& c, const Node& node, uint64_t bits_per_value);

  std::vector<Value> read_fixed_width(const Column& c, const Node& node);
  std::vector<Value> read_binary(const Column& c, const Node& node);
  std::vector<Value> read_list(const Column& c, const Node& node);
  std::vector<Value> read_struct(const Column& c, const Node& node);
  std::vector<Value> read_map(const Column& c, const Node& node);
  std::vector<std::vector<Value>> read_children(const Column& c, uint64_t min_length);

  int64_t length_ = 0;
  fb::Vector nodes_;
  fb::Vector buffers_;
  std::string_view body_;
  uint32_t next_node_ = 0;
  uint32_t next_buffer_ = 0;
  uint64_t values_left_ = 0;  // decoding budget, see the constructor
};

}  // namespace sparkctl::arrow::detail
