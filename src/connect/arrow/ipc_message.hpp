// Splits an Arrow IPC stream into its encapsulated messages:
//   [0xFFFFFFFF] <int32 metadata length> <Message flatbuffer + padding> <body>
// The continuation marker is absent in the pre-0.15 ("legacy") format; a
// metadata length of 0 is the end-of-stream marker in both.
#pragma once

#include <cstdint>
#include <string_view>

#include "flatbuffer_view.hpp"

namespace sparkctl::arrow::detail {

// Message.fbs, union MessageHeader.
enum class MessageKind : uint8_t {
  none = 0,
  schema = 1,
  dictionary_batch = 2,
  record_batch = 3,
  tensor = 4,
  sparse_tensor = 5
};

struct Message {
  MessageKind kind = MessageKind::none;
  fb::Table header;           // the Schema / RecordBatch / ... table
  std::string_view metadata;  // the Message flatbuffer the header lies in
  std::string_view body;      // buffers of a record batch, addressed by offset
};

class MessageReader {
 public:
  explicit MessageReader(std::string_view stream) : stream_(stream) {}
  // Reads the next message; false at end-of-stream or end of input.
  bool next(Message& out);

 private:
  std::string_view stream_;
  uint64_t pos_ = 0;
  bool done_ = false;
};

}  // namespace sparkctl::arrow::detail
