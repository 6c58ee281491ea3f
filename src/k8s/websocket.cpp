// RFC 6455 frame codec (see websocket.hpp).
#include "sparkctl/k8s/websocket.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s::ws {

namespace {

constexpr std::string_view accept_guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool is_control(Opcode op) { return static_cast<uint8_t>(op) & 0x8; }

[[noreturn]] void protocol_error(const std::string& what) {
  throw Error::cluster("WebSocket protocol error: " + what);
}

void random_bytes(unsigned char* out, int n) {
  if (RAND_bytes(out, n) != 1) throw Error::cluster("cannot get random bytes for WebSocket");
}

}  // namespace

std::string encode_frame(const Frame& frame, const std::optional<MaskKey>& mask) {
  const std::string& p = frame.payload;
  std::string out;
  out.reserve(p.size() + 14);
  out += char((frame.fin ? 0x80 : 0) | static_cast<uint8_t>(frame.opcode));
  const uint8_t mask_bit = mask ? 0x80 : 0;
  if (p.size() < 126) {
    out += char(mask_bit | p.size());
  } else if (p.size() <= 0xFFFF) {
    out += char(mask_bit | 126);
    out += char(p.size() >> 8);
    out += char(p.size() & 0xFF);
  } else {
    out += char(mask_bit | 127);
    for (int shift = 56; shift >= 0; shift -= 8) out += char((uint64_t(p.size()) >> shift) & 0xFF);
  }
  if (!mask) return out + p;
  out.append(reinterpret_cast<const char*>(mask->data()), 4);
  size_t start = out.size();
  out += p;
  for (size_t i = 0; i < p.size(); ++i)
    out[start + i] = char(uint8_t(out[start + i]) ^ (*mask)[i & 3]);
  return out;
}

MaskKey random_mask() {
  MaskKey k;
  random_bytes(k.data(), 4);
  return k;
}

std::string close_payload(uint16_t code, std::string_view reason) {
  std::string out{char(code >> 8), char(code & 0xFF)};
  out += reason.substr(0, 123);  // control payloads are at most 125 bytes
  return out;
}

std::pair<uint16_t, std::string> parse_close(std::string_view payload) {
  if (payload.size() < 2) return {1005, ""};
  uint16_t code = uint16_t(uint8_t(payload[0]) << 8 | uint8_t(payload[1]));
  return {code, std::string(payload.substr(2))};
}

std::string accept_key(std::string_view key) {
  std::string input = std::string(key) + std::string(accept_guid);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return base64_encode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

std::string new_key() {
  unsigned char raw[16];
  random_bytes(raw, sizeof raw);
  return base64_encode(std::string_view(reinterpret_cast<char*>(raw), sizeof raw));
}

std::optional<Frame> Decoder::next_frame() {
  if (buffer_.size() < 2) return std::nullopt;
  const auto* b = reinterpret_cast<const uint8_t*>(buffer_.data());
  if (b[0] & 0x70) protocol_error("reserved bits set (no extension was negotiated)");
  Frame f;
  f.fin = b[0] & 0x80;
  f.opcode = static_cast<Opcode>(b[0] & 0x0F);
  switch (f.opcode) {
    case Opcode::continuation:
    case Opcode::text:
    case Opcode::binary:
    case Opcode::close:
    case Opcode::ping:
    case Opcode::pong:
      break;
    default:
      protocol_error("unknown opcode " + std::to_string(b[0] & 0x0F));
  }
  const bool masked = b[1] & 0x80;
  uint64_t len = b[1] & 0x7F;
  size_t pos = 2;
  if (len == 126 || len == 127) {
    size_t n = len == 126 ? 2 : 8;
    if (buffer_.size() < pos + n) return std::nullopt;
    len = 0;
    for (size_t i = 0; i < n; ++i) len = len << 8 | b[pos + i];
    pos += n;
    if (n == 8 && (len >> 63)) protocol_error("64-bit length with the top bit set");
  }
  if (is_control(f.opcode) && (len > 125 || !f.fin))
    protocol_error("control frame fragmented or longer than 125 bytes");
  if (len > max_message_) protocol_error("frame of " + std::to_string(len) + " bytes is too large");
  MaskKey mask{};
  if (masked) {
    if (buffer_.size() < pos + 4) return std::nullopt;
    for (int i = 0; i < 4; ++i) mask[i] = b[pos + i];
    pos += 4;
  }
  if (buffer_.size() < pos + len) return std::nullopt;
  f.payload = buffer_.substr(pos, len);
  if (masked)
    for (size_t i = 0; i < f.payload.size(); ++i)
      f.payload[i] = char(uint8_t(f.payload[i]) ^ mask[i & 3]);
  buffer_.erase(0, pos + len);
  return f;
}

std::optional<Frame> Decoder::next_message() {
  while (auto f = next_frame()) {
    if (is_control(f->opcode)) return f;  // may arrive between fragments
    if (f->opcode == Opcode::continuation) {
      if (!partial_) protocol_error("continuation frame without a message to continue");
      if (partial_->payload.size() + f->payload.size() > max_message_)
        protocol_error("fragmented message is too large");
      partial_->payload += f->payload;
      if (!f->fin) continue;
      Frame done = std::move(*partial_);
      partial_.reset();
      done.fin = true;
      return done;
    }
    if (partial_) protocol_error("new data message inside a fragmented one");
    if (f->fin) return f;
    partial_ = std::move(*f);
  }
  return std::nullopt;
}

}  // namespace sparkctl::k8s::ws
