#include "flatbuffer_builder.hpp"

#include <algorithm>
#include <cstring>

namespace sparkctl::arrow::fb {

void Builder::align(size_t alignment, size_t length) {
  max_alignment_ = std::max(max_alignment_, alignment);
  size_t pad = (alignment - (size() + length) % alignment) % alignment;
  static const uint8_t zero_padding[16] = {};
  while (pad > 0) {
    size_t n = std::min(pad, sizeof zero_padding);
    prepend(zero_padding, n, 1);
    pad -= n;
  }
}

void Builder::prepend(const void* data, size_t length, size_t alignment) {
  if (alignment > 1) align(alignment, length);
  if (head_ < length) {
    // Grow at the front: the data keeps its distance from the end.
    size_t grow = std::max(buf_.size(), length);
    std::vector<uint8_t> bigger(buf_.size() + grow);
    std::memcpy(bigger.data() + head_ + grow, buf_.data() + head_, size());
    head_ += grow;
    buf_.swap(bigger);
  }
  head_ -= length;
  std::memcpy(buf_.data() + head_, data, length);
}

Builder::Offset Builder::create_string(std::string_view s) {
  align(4, s.size() + 1 + 4);
  prepend("", 1, 1);  // the terminating NUL
  prepend(s.data(), s.size(), 1);
  prepend_u32(static_cast<uint32_t>(s.size()));
  return size();
}

Builder::Offset Builder::create_struct_vector(std::string_view bytes, uint32_t count,
                                              size_t alignment) {
  align(std::max<size_t>(alignment, 4), bytes.size());
  prepend(bytes.data(), bytes.size(), 1);
  prepend_u32(count);
  return size();
}

Builder::Offset Builder::create_offset_vector(const std::vector<Offset>& items) {
  align(4, 4 * items.size());
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    // An offset is relative to where it is stored.
    prepend_u32(size() + 4 - *it);
  }
  prepend_u32(static_cast<uint32_t>(items.size()));
  return size();
}

void Builder::start_table() {
  fields_.clear();
  table_start_ = size();
}

void Builder::add_offset(int field, Offset target) {
  align(4, 4);
  prepend_u32(size() + 4 - target);
  fields_.push_back({field, size()});
}

Builder::Offset Builder::end_table() {
  // The table starts with a signed offset to its vtable, patched below.
  prepend_u32(0);
  const Offset table = size();
  int max_field = -1;
  for (const FieldAt& f : fields_) max_field = std::max(max_field, f.id);
  std::vector<uint16_t> vtable(static_cast<size_t>(max_field + 1), 0);
  for (const FieldAt& f : fields_)
    vtable[static_cast<size_t>(f.id)] = static_cast<uint16_t>(table - f.at);
  for (auto it = vtable.rbegin(); it != vtable.rend(); ++it) prepend(&*it, 2, 2);
  const uint16_t table_size = static_cast<uint16_t>(table - table_start_);
  const uint16_t vtable_size = static_cast<uint16_t>(4 + 2 * vtable.size());
  prepend(&table_size, 2, 2);
  prepend(&vtable_size, 2, 2);
  // The vtable lies before the table: table position - vtable position.
  const int32_t to_vtable = static_cast<int32_t>(size() - table);
  std::memcpy(buf_.data() + buf_.size() - table, &to_vtable, 4);
  fields_.clear();
  return table;
}

std::string Builder::finish(Offset root) {
  align(max_alignment_, 4);
  prepend_u32(size() + 4 - root);
  return std::string(reinterpret_cast<const char*>(buf_.data() + head_), size());
}

}  // namespace sparkctl::arrow::fb
