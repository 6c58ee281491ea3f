// Spark Connect tokens: a random one for a server sparkctl starts or a
// session it creates (a local server, a cluster session), and the token
// parameter of a connection string (sc://host:port/;token=...). Mask a
// connection string before showing it (strings::mask_connect_token).
#pragma once

#include <string>
#include <string_view>

namespace sparkctl {

// 32 bytes from the kernel's random source, as 64 hex digits (a token
// travels in URLs and HTTP headers, so it needs no escaping). Throws
// Error::cluster when the kernel gives none.
std::string random_secret_token();

// Whether a connection string carries a token parameter.
bool has_connect_token(std::string_view connection_string);

// `address` (sc://host:port, no parameters) with `token` as its token
// parameter; `address` itself when the token is empty.
std::string with_connect_token(const std::string& address, const std::string& token);

}  // namespace sparkctl
