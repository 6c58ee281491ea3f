// A minimal FlatBuffers writer, enough for Arrow's Message, Schema and
// RecordBatch metadata. It builds the way FlatBuffers does: back to front,
// children before the tables that point at them, so every offset points
// forward. Objects are named by their distance from the buffer's end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkctl::arrow::fb {

class Builder {
 public:
  using Offset = uint32_t;  // distance of an object from the end of the buffer

  Offset create_string(std::string_view s);
  // A vector of inline structs: `count` elements of `bytes.size() / count`
  // bytes each, aligned to `alignment`.
  Offset create_struct_vector(std::string_view bytes, uint32_t count, size_t alignment);
  Offset create_offset_vector(const std::vector<Offset>& items);

  // A table: start_table(), the add_* calls for its fields, end_table().
  void start_table();
  void add_bool(int field, bool value) { add_scalar<uint8_t>(field, value ? 1 : 0); }
  void add_u8(int field, uint8_t value) { add_scalar(field, value); }
  void add_i16(int field, int16_t value) { add_scalar(field, value); }
  void add_i32(int field, int32_t value) { add_scalar(field, value); }
  void add_i64(int field, int64_t value) { add_scalar(field, value); }
  void add_offset(int field, Offset target);
  Offset end_table();

  // The finished buffer with `root` as its root table.
  std::string finish(Offset root);

 private:
  template <typename T>
  void add_scalar(int field, T value) {
    prepend(&value, sizeof value, sizeof value);
    fields_.push_back({field, size()});
  }
  uint32_t size() const { return static_cast<uint32_t>(buf_.size() - head_); }
  // Pads so that after `length` more bytes the size is a multiple of `alignment`.
  void align(size_t alignment, size_t length);
  void prepend(const void* data, size_t length, size_t alignment);
  void prepend_u32(uint32_t v) { prepend(&v, 4, 4); }

  std::vector<uint8_t> buf_ = std::vector<uint8_t>(1024);
  size_t head_ = 1024;  // the data is buf_[head_, end)
  size_t max_alignment_ = 4;
  struct FieldAt {
    int id;
    uint32_t at;  // Offset of the field's bytes
  };
  std::vector<FieldAt> fields_;
  uint32_t table_start_ = 0;
};

}  // namespace sparkctl::arrow::fb
