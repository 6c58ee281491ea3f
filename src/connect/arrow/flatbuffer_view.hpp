// A minimal read-only FlatBuffers table reader, just enough for Arrow's
// Message and Schema metadata. It follows the FlatBuffers wire format
// (root offset, tables with vtables, offsets relative to where they are
// stored, length-prefixed vectors and strings) and checks every offset
// against the buffer, because the bytes come from the network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "byte_span.hpp"

namespace sparkctl::arrow::fb {

class Table;

// A vector of inline elements (scalars or structs) or of table offsets.
class Vector {
 public:
  Vector() = default;
  Vector(std::string_view buf, uint32_t data_pos, uint32_t size)
      : buf_(buf), data_pos_(data_pos), size_(size) {}

  uint32_t size() const { return size_; }
  // Reads a scalar at byte `offset` inside inline element `i` of `elem_size` bytes.
  template <typename T>
  T scalar(uint32_t i, uint32_t elem_size, uint32_t offset = 0) const {
    return detail::load_le<T>(buf_, uint64_t{data_pos_} + uint64_t{i} * elem_size + offset,
                              "flatbuffer vector element");
  }
  Table table(uint32_t i) const;  // element `i` of a vector of tables

 private:
  std::string_view buf_;
  uint32_t data_pos_ = 0;
  uint32_t size_ = 0;
};

class Table {
 public:
  Table() = default;
  // The root table of a finished FlatBuffer.
  static Table root(std::string_view buf);
  // The table that the uoffset stored at `pos` points to.
  static Table at_offset(std::string_view buf, uint64_t pos);

  // Field ids are the declaration order in the .fbs schema, counting a
  // union as two fields (its _type byte, then its value).
  bool has(int field) const { return field_pos(field) != 0; }

  template <typename T>
  T scalar(int field, T default_value) const {
    uint32_t off = field_pos(field);
    if (off == 0) return default_value;
    return detail::load_le<T>(buf_, uint64_t{pos_} + off, "flatbuffer scalar field");
  }
  std::optional<Table> table(int field) const;
  std::optional<std::string_view> string(int field) const;
  // A vector whose elements are `elem_size` bytes each (4 for a vector of
  // tables, which stores offsets). An absent vector reads as empty.
  Vector vector(int field, uint32_t elem_size) const;

 private:
  Table(std::string_view buf, uint32_t pos);
  uint32_t field_pos(int field) const;  // offset inside the table, 0 if absent
  uint64_t deref(int field) const;      // absolute position an offset field points to

  std::string_view buf_;
  uint32_t pos_ = 0;
  uint32_t vtable_pos_ = 0;
  uint16_t vtable_size_ = 0;
  uint16_t table_size_ = 0;
};

}  // namespace sparkctl::arrow::fb
