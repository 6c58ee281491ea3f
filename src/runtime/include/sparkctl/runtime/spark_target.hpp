// Where `sparkctl run` sends its Spark Connect session: spark.remote if
// set, else the warm server of `sparkctl server start` if it is alive,
// else a fresh local server owned by the returned target. A local server's
// token travels in `remote`: log it masked (strings::mask_connect_token).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/runtime/local_server.hpp"
#include "sparkctl/runtime/signals.hpp"

namespace sparkctl::runtime {

struct SparkTarget {
  enum class Kind { remote, warm_server, local_server };
  Kind kind = Kind::remote;
  // sc://host:port[/;params]; for a local or warm server with its token. A
  // spark.remote that names the warm server without a token gets its token.
  std::string remote;
  // Set for Kind::local_server: stops the server (and unregisters its
  // interrupt cleanup) when the target is destroyed.
  std::unique_ptr<LocalServer> owner;
  std::unique_ptr<InterruptScope> stop_on_interrupt;  // destroyed before owner

  SparkTarget();
  SparkTarget(SparkTarget&&) noexcept;
  SparkTarget& operator=(SparkTarget&&) noexcept;
  ~SparkTarget();
};

const char* describe(SparkTarget::Kind kind);  // "remote", "warm server", "local server"

// Config keys: spark.remote, spark.master, spark.conf, spark.connect_port,
// spark.startup_timeout, spark.home, spark.java_home.
SparkTarget acquire_spark(const config::Config& config, const std::vector<std::string>& extra_jars);

// ServerOptions from the config (finds Spark and Java; throws Error::usage).
ServerOptions server_options(const config::Config& config,
                             const std::vector<std::string>& extra_jars);

}  // namespace sparkctl::runtime
