// Bounds-checked little-endian loads from untrusted bytes. Every read of
// Arrow metadata or body data goes through here, so a bad offset becomes an
// Error instead of a read past the end of the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "sparkctl/core/error.hpp"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the Arrow reader assumes a little-endian host (Arrow data is little-endian)"
#endif

namespace sparkctl::arrow::detail {

[[noreturn]] inline void malformed(const std::string& what) {
  throw Error::cluster("arrow: malformed IPC stream: " + what);
}

// True if [offset, offset + length) lies inside a buffer of `size` bytes.
inline bool in_bounds(uint64_t offset, uint64_t length, uint64_t size) {
  return offset <= size && length <= size - offset;
}

template <typename T>
T load_le(std::string_view bytes, uint64_t offset, const char* what) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (!in_bounds(offset, sizeof(T), bytes.size())) {
    malformed(std::string(what) + " lies outside its buffer");
  }
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace sparkctl::arrow::detail
