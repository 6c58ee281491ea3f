// Where a Spark Connect token comes from besides the connection string, so
// it need not sit in a URL that `ps` shows: a file, or the variable Spark's
// server and pyspark's client read. A token to a loopback host (localhost,
// 127.x, ::1) goes in plain text unless use_ssl=true, as pyspark does for
// localhost: a local Spark server speaks no TLS.
#pragma once

#include <string>
#include <string_view>

#include "sparkctl/connect/channel.hpp"

namespace sparkctl::connect {

inline constexpr const char* token_environment_variable = "SPARK_CONNECT_AUTHENTICATE_TOKEN";

// The first line of `token_file` when one is named, else
// $SPARK_CONNECT_AUTHENTICATE_TOKEN, else "". Throws Error::usage when the
// file cannot be read or holds no token.
std::string token_from_file_or_environment(const std::string& token_file);

// parse_connection_string, with `fallback_token` as the token when the
// string carries none.
ChannelOptions parse_connection_string(std::string_view connection_string,
                                       const std::string& fallback_token);

}  // namespace sparkctl::connect
