// libFuzzer entry point: any bytes may decode into Rows (and render as
// Spark's text) or end in a sparkctl::Error; anything else (a crash, a
// sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const sparkctl::connect::Rows rows = sparkctl::connect::read_arrow_ipc(
        std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& row : rows) {
      for (const auto& value : row) (void)value.to_string();
    }
  } catch (const sparkctl::Error&) {
  }
  return 0;
}
