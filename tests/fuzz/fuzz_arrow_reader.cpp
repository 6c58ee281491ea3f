// libFuzzer entry point: any bytes may produce a Table or a sparkctl::Error;
// anything else (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sparkctl/connect/arrow_reader.hpp"
#include "sparkctl/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sparkctl::arrow::Table table;
  try {
    sparkctl::arrow::decode_stream(std::string_view(reinterpret_cast<const char*>(data), size),
                                   table);
    for (const auto& row : table.rows) {
      for (const auto& value : row) (void)sparkctl::arrow::to_string(value);
    }
  } catch (const sparkctl::Error&) {
  }
  return 0;
}
