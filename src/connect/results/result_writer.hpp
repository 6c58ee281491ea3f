// What a streamed result is written to, batch by batch: the shell's output
// formats (table, CSV, JSON, Arrow) and the collector of Rows all take the
// result's schema once, then each record batch as it arrives, then end().
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "../arrow/ipc_stream.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect::results {

using arrow::detail::Column;
using arrow::detail::IpcBatch;

struct ResultSchema {
  const std::vector<Column>& columns;  // the Arrow schema (with Spark's interval fields)
  std::string_view ipc_metadata;       // the Schema message's flatbuffer, as the server sent it
  const StructType& spark;             // the Spark schema of the result
};

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void begin(const ResultSchema& schema) = 0;
  virtual void write(const IpcBatch& batch) = 0;
  virtual void end() = 0;
};

// Output in large chunks: writers append to buffer() and call
// maybe_flush() after each row. A failed write is an Error.
class OutputBuffer {
 public:
  explicit OutputBuffer(std::ostream& out);
  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() >= chunk_bytes) flush();
  }
  void flush();
  // Flushes, then writes `bytes` straight to the stream (large blocks).
  void write_through(std::string_view bytes);

 private:
  static constexpr size_t chunk_bytes = 256 * 1024;
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace sparkctl::connect::results
