// The token of `run` and `shell` for a Spark Connect server: the one in the
// connection string (a local or warm server's own, or the user's
// `;token=`), else `--token-file`'s, else $SPARK_CONNECT_AUTHENTICATE_TOKEN
// (as pyspark), so a token need not sit in a URL that `ps` shows.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "sparkctl/connect/token_source.hpp"
#include "sparkctl/runtime/spark_target.hpp"

namespace sparkctl::cli {

// Adds --token-file to a verb that has --remote.
void add_token_file_option(CLI::App& command, std::string& token_file);

// The channel to `target`. Throws Error::usage when --token-file is given
// for a server sparkctl started or for a connection string with a token.
connect::ChannelOptions connect_channel(const runtime::SparkTarget& target,
                                        const std::string& token_file);

}  // namespace sparkctl::cli
