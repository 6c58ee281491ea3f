// RFC 6455 framing, independent of any socket: the client encodes masked
// frames, decodes the server's frames from a byte stream, and reassembles
// fragmented messages. Used by the port-forward tunnel.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sparkctl::k8s::ws {

enum class Opcode : uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

struct Frame {
  bool fin = true;
  Opcode opcode = Opcode::binary;
  std::string payload;
};

using MaskKey = std::array<uint8_t, 4>;

// Encodes one frame; with a mask key (client -> server frames must have
// one) the payload is masked. Lengths pick the 7, 16 or 64-bit form.
std::string encode_frame(const Frame& frame, const std::optional<MaskKey>& mask);
MaskKey random_mask();

// The close frame payload: 2-byte code then UTF-8 reason.
std::string close_payload(uint16_t code, std::string_view reason);
// Code and reason of a close payload; code 1005 when it is empty.
std::pair<uint16_t, std::string> parse_close(std::string_view payload);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key.
std::string accept_key(std::string_view key);
std::string new_key();  // random 16 bytes, base64

// Incremental decoder: feed() bytes as they arrive, next_message() returns
// complete messages (data messages reassembled from fragments; control
// frames as they come). Throws Error::cluster on a protocol violation.
class Decoder {
 public:
  explicit Decoder(size_t max_message = 64u << 20) : max_message_(max_message) {}
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  std::optional<Frame> next_message();

 private:
  std::optional<Frame> next_frame();

  size_t max_message_;
  std::string buffer_;
  std::optional<Frame> partial_;  // a fragmented data message being assembled
};

}  // namespace sparkctl::k8s::ws
