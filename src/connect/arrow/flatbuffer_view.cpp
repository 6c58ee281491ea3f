#include "flatbuffer_view.hpp"

#include <limits>

namespace sparkctl::arrow::fb {

using detail::in_bounds;
using detail::load_le;
using detail::malformed;

Table::Table(std::string_view buf, uint32_t pos) : buf_(buf), pos_(pos) {
  // A table starts with a signed offset back (or forward) to its vtable.
  int32_t to_vtable = load_le<int32_t>(buf_, pos_, "flatbuffer table");
  int64_t vtable = int64_t{pos_} - int64_t{to_vtable};
  if (vtable < 0 || !in_bounds(static_cast<uint64_t>(vtable), 4, buf_.size())) {
    malformed("flatbuffer vtable offset out of range");
  }
  vtable_pos_ = static_cast<uint32_t>(vtable);
  vtable_size_ = load_le<uint16_t>(buf_, vtable_pos_, "flatbuffer vtable");
  table_size_ = load_le<uint16_t>(buf_, vtable_pos_ + 2, "flatbuffer vtable");
  if (vtable_size_ < 4 || vtable_size_ % 2 != 0 ||
      !in_bounds(vtable_pos_, vtable_size_, buf_.size()) ||
      !in_bounds(pos_, table_size_, buf_.size())) {
    malformed("flatbuffer vtable or table overruns the buffer");
  }
}

Table Table::root(std::string_view buf) {
  if (buf.size() > std::numeric_limits<uint32_t>::max()) malformed("flatbuffer too large");
  return at_offset(buf, 0);
}

Table Table::at_offset(std::string_view buf, uint64_t pos) {
  uint64_t target = pos + load_le<uint32_t>(buf, pos, "flatbuffer offset");
  if (target >= buf.size()) malformed("flatbuffer table offset out of range");
  return Table(buf, static_cast<uint32_t>(target));
}

uint32_t Table::field_pos(int field) const {
  uint32_t slot = 4 + 2 * static_cast<uint32_t>(field);
  if (field < 0 || slot + 2 > vtable_size_) return 0;  // older writer: field absent
  uint16_t off = load_le<uint16_t>(buf_, vtable_pos_ + slot, "flatbuffer vtable");
  if (off != 0 && off >= table_size_) malformed("flatbuffer field lies outside its table");
  return off;
}

uint64_t Table::deref(int field) const {
  uint64_t at = uint64_t{pos_} + field_pos(field);
  uint64_t target = at + load_le<uint32_t>(buf_, at, "flatbuffer offset");
  if (target >= buf_.size()) malformed("flatbuffer offset out of range");
  return target;
}

std::optional<Table> Table::table(int field) const {
  if (!has(field)) return std::nullopt;
  return at_offset(buf_, uint64_t{pos_} + field_pos(field));
}

std::optional<std::string_view> Table::string(int field) const {
  if (!has(field)) return std::nullopt;
  uint64_t at = deref(field);
  uint32_t len = load_le<uint32_t>(buf_, at, "flatbuffer string length");
  if (!in_bounds(at + 4, len, buf_.size())) malformed("flatbuffer string overruns the buffer");
  return buf_.substr(at + 4, len);
}

Vector Table::vector(int field, uint32_t elem_size) const {
  if (!has(field)) return {};
  uint64_t at = deref(field);
  uint32_t len = load_le<uint32_t>(buf_, at, "flatbuffer vector length");
  if (!in_bounds(at + 4, uint64_t{len} * elem_size, buf_.size())) {
    malformed("flatbuffer vector overruns the buffer");
  }
  return Vector(buf_, static_cast<uint32_t>(at + 4), len);
}

Table Vector::table(uint32_t i) const {
  if (i >= size_) malformed("flatbuffer vector index out of range");
  return Table::at_offset(buf_, uint64_t{data_pos_} + uint64_t{i} * 4);
}

}  // namespace sparkctl::arrow::fb
