#include "connect_token.hpp"

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::cli {

void add_token_file_option(CLI::App& command, std::string& token_file) {
  command
      .add_option("--token-file", token_file,
                  "File holding the token of the --remote server, for a URL without ;token= "
                  "(default: $SPARK_CONNECT_AUTHENTICATE_TOKEN; servers sparkctl starts need none)")
      ->type_name("PATH");
}

connect::ChannelOptions connect_channel(const runtime::SparkTarget& target,
                                        const std::string& token_file) {
  if (!token_file.empty()) {
    if (target.kind != runtime::SparkTarget::Kind::remote)
      throw Error::usage("--token-file is for a --remote server; the " +
                         std::string(runtime::describe(target.kind)) +
                         " sparkctl started needs none");
    if (has_connect_token(target.remote))
      throw Error::usage("the Spark Connect URL " + strings::mask_connect_token(target.remote) +
                         " already has a token; give it once (the URL or --token-file)");
  }
  // A server sparkctl started has its token in the URL: the environment's
  // (meant for another server) must not replace it.
  const std::string fallback =
      has_connect_token(target.remote) ? "" : connect::token_from_file_or_environment(token_file);
  return connect::parse_connection_string(target.remote, fallback);
}

}  // namespace sparkctl::cli
