#include "sparkctl/runtime/spark_target.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace sparkctl::runtime {
namespace {

std::vector<std::string> missing_jars(const ServerState& warm,
                                      const std::vector<std::string>& jars) {
  std::vector<std::string> missing;
  for (const auto& jar : jars)
    if (std::find(warm.jars.begin(), warm.jars.end(), jar) == warm.jars.end())
      missing.push_back(jar);
  return missing;
}

// A remote without a token that names the warm server (as `server start`
// prints it) gets the warm server's token: its owner need not pass it.
std::string with_warm_token(const std::string& remote) {
  const bool loopback =
      remote.rfind("sc://127.0.0.1:", 0) == 0 || remote.rfind("sc://localhost:", 0) == 0;
  if (!loopback || has_connect_token(remote)) return remote;
  std::optional<ServerState> warm;
  try {
    warm = live_server();
  } catch (const Error& error) {  // no state folder: no warm server either
    spdlog::debug("no warm server: {}", error.what());
  }
  if (!warm || warm->token.empty()) return remote;
  const std::string port = ":" + std::to_string(warm->port);
  for (const std::string host : {"sc://127.0.0.1", "sc://localhost"}) {
    const std::string address = host + port;
    if (remote == address || remote == address + "/") return warm->remote();
  }
  return remote;
}

}  // namespace

SparkTarget::SparkTarget() = default;
SparkTarget::SparkTarget(SparkTarget&&) noexcept = default;
SparkTarget& SparkTarget::operator=(SparkTarget&&) noexcept = default;
SparkTarget::~SparkTarget() = default;

const char* describe(SparkTarget::Kind kind) {
  switch (kind) {
    case SparkTarget::Kind::remote:
      return "remote";
    case SparkTarget::Kind::warm_server:
      return "warm server";
    case SparkTarget::Kind::local_server:
      return "local server";
  }
  return "?";
}

ServerOptions server_options(const config::Config& config,
                             const std::vector<std::string>& extra_jars) {
  ServerOptions options;
  options.spark_home = configured_spark_home(config);
  options.java_home =
      find_java(config.get_string(config::keys::spark_java_home),
                "spark.java_home (" + config.origin(config::keys::spark_java_home).describe() + ")")
          .home;
  options.master = config.get_string(config::keys::spark_master);
  options.conf = config.get_map(config::keys::spark_conf);
  options.port = static_cast<int>(config.get_int(config::keys::spark_connect_port));
  options.startup_timeout = config.get_duration(config::keys::spark_startup_timeout);
  options.extra_jars = extra_jars;
  options.show_progress = spdlog::should_log(spdlog::level::info);
  return options;
}

SparkTarget acquire_spark(const config::Config& config,
                          const std::vector<std::string>& extra_jars) {
  SparkTarget target;
  if (const auto& remote = config.get_string(config::keys::spark_remote); !remote.empty()) {
    target.kind = SparkTarget::Kind::remote;
    target.remote = with_warm_token(remote);
    spdlog::debug("using Spark Connect at {} (spark.remote, {})",
                  strings::mask_connect_token(remote),
                  config.origin(config::keys::spark_remote).describe());
    return target;
  }

  if (auto warm = live_server()) {
    auto missing = missing_jars(*warm, extra_jars);
    if (missing.empty()) {
      target.kind = SparkTarget::Kind::warm_server;
      target.remote = warm->remote();
      spdlog::info("using the warm Spark Connect server at {} (pid {}, master {})", warm->address(),
                   warm->pid, warm->master);
      return target;
    }
    spdlog::info(
        "the warm server lacks {} needed by this job; starting a local server for this run",
        missing.front());
  }

  target.kind = SparkTarget::Kind::local_server;
  target.owner = std::make_unique<LocalServer>(server_options(config, extra_jars));
  // Registered before start() so Ctrl-C during the JVM's startup stops it too.
  target.stop_on_interrupt = std::make_unique<InterruptScope>(
      Interrupts::Phase::cleanup,
      [server = target.owner.get()] { server->stop(std::chrono::seconds(5)); });
  target.owner->start();
  target.remote = target.owner->remote();
  return target;
}

}  // namespace sparkctl::runtime
