// Writing Arrow IPC streams (the format's "encapsulated messages"):
//   <0xFFFFFFFF> <int32 metadata size> <Message flatbuffer, padded to 8> <body>
// ending with the end-of-stream marker <0xFFFFFFFF> <0x00000000>.
#pragma once

#include <string>
#include <string_view>

namespace sparkctl::arrow::detail {

// Appends one message; `metadata` is a Message flatbuffer whose
// bodyLength is body.size().
void append_message(std::string& out, std::string_view metadata, std::string_view body);
void append_end_of_stream(std::string& out);

}  // namespace sparkctl::arrow::detail
