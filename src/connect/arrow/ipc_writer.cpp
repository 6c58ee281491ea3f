#include "ipc_writer.hpp"

#include <cstdint>
#include <cstring>

namespace sparkctl::arrow::detail {
namespace {

void append_u32(std::string& out, uint32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);  // little-endian host (checked in byte_span.hpp)
  out.append(bytes, 4);
}

}  // namespace

void append_message(std::string& out, std::string_view metadata, std::string_view body) {
  // Padding the metadata to 8 bytes keeps the body 8-byte aligned, as
  // readers that map the buffers in place expect.
  const size_t padded = (metadata.size() + 7) & ~size_t{7};
  append_u32(out, 0xFFFFFFFFu);
  append_u32(out, static_cast<uint32_t>(padded));
  out += metadata;
  out.append(padded - metadata.size(), '\0');
  out += body;
}

void append_end_of_stream(std::string& out) {
  append_u32(out, 0xFFFFFFFFu);
  append_u32(out, 0);
}

}  // namespace sparkctl::arrow::detail
