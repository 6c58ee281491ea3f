// Zero-copy views of the arrays of one record batch. Building a view
// checks everything once (buffer bounds and sizes, offsets in order and
// within their data, children long enough for their parents), so reading
// a slot afterwards is a plain load: the writers of streamed results and
// the value decoder both walk these views without copying a byte.
//
// Arrow lays a batch out as two flat lists walked in schema pre-order: one
// FieldNode (length, null count) per field at every nesting level, and the
// field's buffers (validity bitmap, offsets, values, ...) in the body.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "arrow_schema.hpp"
#include "flatbuffer_view.hpp"

namespace sparkctl::arrow::detail {

struct ArrayView {
  const Column* column = nullptr;
  uint64_t length = 0;
  uint64_t null_count = 0;
  std::string_view validity;  // empty: every slot is valid
  std::string_view offsets;   // binary, list, map: length + 1 checked entries
  std::string_view values;    // fixed-width values, or the bytes of a binary array
  int offset_width = 4;       // 4, or 8 for the large_ layouts
  std::vector<ArrayView> children;

  bool valid(uint64_t i) const {
    return validity.empty() || ((static_cast<uint8_t>(validity[i >> 3]) >> (i & 7)) & 1) != 0;
  }
  // Slot `i` of a fixed-width array of T.
  template <typename T>
  T fixed(uint64_t i) const {
    T value;
    std::memcpy(&value, values.data() + i * sizeof(T), sizeof(T));
    return value;
  }
  bool bit(uint64_t i) const {
    return ((static_cast<uint8_t>(values[i >> 3]) >> (i & 7)) & 1) != 0;
  }
  // Entry `i` of the offsets (binary, list, map).
  uint64_t offset(uint64_t i) const {
    if (offset_width == 4) return static_cast<uint32_t>(fixed_at<int32_t>(offsets, i));
    return static_cast<uint64_t>(fixed_at<int64_t>(offsets, i));
  }
  // The bytes of slot `i` of a binary or fixed-size binary array.
  std::string_view bytes(uint64_t i) const;
  // Where the items of list slot `i` lie in children[0]: [begin, end).
  std::pair<uint64_t, uint64_t> items(uint64_t i) const;

 private:
  template <typename T>
  static T fixed_at(std::string_view buf, uint64_t i) {
    T value;
    std::memcpy(&value, buf.data() + i * sizeof(T), sizeof(T));
    return value;
  }
};

struct BatchView {
  uint64_t length = 0;
  std::vector<ArrayView> columns;  // one per schema column, each `length` long
};

// Views the arrays of a RecordBatch message (`batch` is its header, `body`
// its buffers). Throws Error on anything inconsistent.
BatchView view_record_batch(const std::vector<Column>& columns, const fb::Table& batch,
                            std::string_view body);

[[noreturn]] void bad_column(const Column& c, const std::string& what);

// Bits one slot of a fixed-width array occupies (0 for other layouts).
uint64_t value_bits(const Column& c);

}  // namespace sparkctl::arrow::detail
