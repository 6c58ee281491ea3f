// Transport pieces that need no server: Status parsing, retry rules,
// header masking, ExecCredential parsing, base64.
#include "transport.hpp"

#include <gtest/gtest.h>

#include "exec_credential.hpp"
#include "retry.hpp"
#include "sparkctl/core/base64.hpp"
#include "sparkctl/k8s/api_error.hpp"

using namespace sparkctl::k8s;

TEST(ApiErrorTest, KeepsStatusReasonAndCauses) {
  auto e = ApiError::from_response(422, R"({"kind":"Status","apiVersion":"v1","status":"Failure",
    "message":"SparkApplication.sparkoperator.k8s.io \"x\" is invalid: spec.type: Unsupported value",
    "reason":"Invalid","details":{"causes":[{"reason":"FieldValueNotSupported",
    "message":"Unsupported value: \"Cobol\"","field":"spec.type"}]},"code":422})");
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.reason(), "Invalid");
  EXPECT_EQ(e.causes(), std::vector<std::string>{"spec.type: Unsupported value: \"Cobol\""});
  EXPECT_EQ(e.kind(), sparkctl::ErrorKind::cluster);
  EXPECT_NE(std::string(e.what()).find("is invalid"), std::string::npos);
}

TEST(ApiErrorTest, NonStatusBodies) {
  auto e = ApiError::from_response(404, "404 page not found\n");
  EXPECT_EQ(e.reason(), "NotFound");
  EXPECT_STREQ(e.what(), "404 page not found");
  auto empty = ApiError::from_response(503, "");
  EXPECT_EQ(empty.reason(), "ServiceUnavailable");
  EXPECT_STREQ(empty.what(), "the server answered HTTP 503 (ServiceUnavailable)");
}

TEST(RetryTest, WhichFailuresAreRetried) {
  EXPECT_TRUE(retryable_status(429, "POST", false));
  EXPECT_TRUE(retryable_status(503, "GET", false));
  EXPECT_FALSE(retryable_status(503, "POST", false));  // may have been processed
  EXPECT_TRUE(retryable_status(503, "POST", true));    // Retry-After: it was not
  EXPECT_FALSE(retryable_status(409, "GET", false));
  EXPECT_FALSE(retryable_status(404, "GET", false));
  EXPECT_TRUE(retryable_transport(CURLE_COULDNT_CONNECT, "POST"));
  EXPECT_FALSE(retryable_transport(CURLE_RECV_ERROR, "POST"));
  EXPECT_TRUE(retryable_transport(CURLE_RECV_ERROR, "GET"));
  EXPECT_FALSE(retryable_transport(CURLE_PEER_FAILED_VERIFICATION, "GET"));
}

TEST(RetryTest, RetryAfterIsHonouredAndCapped) {
  EXPECT_EQ(parse_retry_after("2"), Millis(2000));
  EXPECT_EQ(parse_retry_after("3600"), max_retry_after);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Millis(1000));
  EXPECT_FALSE(parse_retry_after(""));
  Backoff b(Millis(100), Millis(1000));
  Millis last{0};
  for (int i = 0; i < 10; ++i) last = b.next();
  EXPECT_LE(last, Millis(1200));
  EXPECT_GE(last, Millis(800));
}

TEST(MaskTest, AuthorizationValuesAreMasked) {
  EXPECT_EQ(mask_header_line("Authorization: Bearer abc.def"), "Authorization: Bearer <masked>");
  EXPECT_EQ(mask_header_line("authorization: Basic dXNlcjpwYXNz"), "authorization: Basic <masked>");
  EXPECT_EQ(mask_header_line("Accept: application/json"), "Accept: application/json");
  // libcurl's HTTP/2 trace puts the header inside a text line.
  EXPECT_EQ(mask_header_line("h2h3 [authorization: Bearer abc.def]"),
            "h2h3 [authorization: Bearer <masked>]");
  EXPECT_EQ(mask_header_line("Proxy-Authorization: Basic xyz"),
            "Proxy-Authorization: Basic <masked>");
}

TEST(ExecCredentialTest, ParsesTokenAndExpiry) {
  auto c = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
    "status":{"token":"tok","expirationTimestamp":"2030-01-02T03:04:05Z"}})",
      "client.authentication.k8s.io/v1", "plugin");
  EXPECT_EQ(c.token, "tok");
  ASSERT_TRUE(c.expiration);
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*c.expiration), 1893553445);
  EXPECT_EQ(parse_rfc3339("2030-01-02T05:04:05.123+02:00"), c.expiration);
  EXPECT_FALSE(parse_rfc3339("tomorrow"));
}

TEST(ExecCredentialTest, ErrorsNeverQuoteTheOutput) {
  auto message = [](const std::string& out, const std::string& api) {
    try {
      parse_exec_credential(out, api, "plugin");
    } catch (const sparkctl::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  std::string m = message("SECRET-not-json", "client.authentication.k8s.io/v1");
  EXPECT_NE(m.find("not an ExecCredential"), std::string::npos);
  EXPECT_EQ(m.find("SECRET"), std::string::npos);
  m = message(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"SECRET"}})",
      "client.authentication.k8s.io/v1");
  EXPECT_NE(m.find("expected client.authentication.k8s.io/v1"), std::string::npos);
  EXPECT_EQ(m.find("SECRET"), std::string::npos);
  m = message(
      R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})",
      "client.authentication.k8s.io/v1");
  EXPECT_NE(m.find("neither"), std::string::npos);
}

TEST(Base64Test, RoundTrip) {
  using sparkctl::base64_decode;
  using sparkctl::base64_encode;
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba",
                                                       "foobar", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_decode("Zm9v\nYmE="), "fooba");
  EXPECT_FALSE(base64_decode("Zm9v*"));
}
