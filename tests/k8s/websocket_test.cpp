// RFC 6455 framing without a socket.
#include "sparkctl/k8s/websocket.hpp"

#include <gtest/gtest.h>

#include "sparkctl/core/error.hpp"

using namespace sparkctl::k8s::ws;

namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int c : b) s += char(c);
  return s;
}

}  // namespace

TEST(WebSocketFrame, SmallMaskedFrameMatchesRfcExample) {
  // RFC 6455 5.7: a masked "Hello".
  MaskKey key{0x37, 0xfa, 0x21, 0x3d};
  std::string f = encode_frame({true, Opcode::text, "Hello"}, key);
  EXPECT_EQ(f, bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
  Decoder d;
  d.feed(f);  // servers must not mask, but a masked frame still decodes
  auto m = d.next_message();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->payload, "Hello");
  EXPECT_EQ(m->opcode, Opcode::text);
}

TEST(WebSocketFrame, UnmaskedServerFrame) {
  Decoder d;
  d.feed(bytes({0x81, 0x05}) + "Hello");
  auto m = d.next_message();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->payload, "Hello");
  EXPECT_FALSE(d.next_message());
}

TEST(WebSocketFrame, SixteenAndSixtyFourBitLengths) {
  for (size_t len : {125u, 126u, 65535u, 65536u, 200000u}) {
    std::string payload(len, 'x');
    payload[len - 1] = 'y';
    std::string f = encode_frame({true, Opcode::binary, payload}, std::nullopt);
    size_t header = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
    ASSERT_EQ(f.size(), header + len) << len;
    EXPECT_EQ(uint8_t(f[1]) & 0x7F, len < 126 ? len : len <= 0xFFFF ? 126u : 127u);
    Decoder d;
    d.feed(f.substr(0, 3));  // partial header: nothing yet
    EXPECT_FALSE(d.next_message());
    d.feed(f.substr(3));
    auto m = d.next_message();
    ASSERT_TRUE(m) << len;
    EXPECT_EQ(m->payload, payload);
  }
  // And masked at 64 bits.
  std::string big(70000, 'z');
  Decoder d;
  d.feed(encode_frame({true, Opcode::binary, big}, random_mask()));
  EXPECT_EQ(d.next_message()->payload, big);
}

TEST(WebSocketFrame, FragmentsReassembleAroundControlFrames) {
  Decoder d;
  d.feed(encode_frame({false, Opcode::text, "Hel"}, std::nullopt));
  d.feed(encode_frame({true, Opcode::ping, "p"}, std::nullopt));
  d.feed(encode_frame({false, Opcode::continuation, "lo, "}, std::nullopt));
  d.feed(encode_frame({true, Opcode::continuation, "world"}, std::nullopt));
  auto ping = d.next_message();
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->opcode, Opcode::ping);
  auto m = d.next_message();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->opcode, Opcode::text);
  EXPECT_TRUE(m->fin);
  EXPECT_EQ(m->payload, "Hello, world");
}

TEST(WebSocketFrame, CloseCarriesCodeAndReason) {
  std::string f =
      encode_frame({true, Opcode::close, close_payload(1001, "going away")}, random_mask());
  Decoder d;
  d.feed(f);
  auto m = d.next_message();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->opcode, Opcode::close);
  auto [code, reason] = parse_close(m->payload);
  EXPECT_EQ(code, 1001);
  EXPECT_EQ(reason, "going away");
  EXPECT_EQ(parse_close("").first, 1005);
}

TEST(WebSocketFrame, ProtocolViolationsAreErrors) {
  auto fails = [](const std::string& input) {
    Decoder d(1024);
    d.feed(input);
    try {
      while (d.next_message()) {
      }
      return false;
    } catch (const sparkctl::Error& e) {
      return e.kind() == sparkctl::ErrorKind::cluster;
    }
  };
  EXPECT_TRUE(fails(bytes({0x83, 0x00})));              // reserved opcode
  EXPECT_TRUE(fails(bytes({0xC1, 0x00})));              // RSV1 without extension
  EXPECT_TRUE(fails(bytes({0x09, 0x00})));              // fragmented ping
  EXPECT_TRUE(fails(bytes({0x80, 0x00})));              // continuation of nothing
  EXPECT_TRUE(fails(bytes({0x01, 0x00, 0x81, 0x00})));  // new message inside one
  EXPECT_TRUE(fails(bytes({0x82, 0x7E, 0x10, 0x00})));  // 4096 > max 1024
  EXPECT_TRUE(fails(bytes({0x89, 0x7E, 0x00, 0x7E})));  // control frame > 125
}

TEST(WebSocketHandshake, AcceptKeyMatchesRfcExample) {
  EXPECT_EQ(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_EQ(new_key().size(), 24u);
  EXPECT_NE(new_key(), new_key());
}
