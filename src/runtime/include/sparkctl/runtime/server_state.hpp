// The warm server's state file: what `sparkctl server start` left running,
// so `run` can reuse it and `server stop` can stop it. Lives in
// $SPARKCTL_STATE_DIR, else $XDG_RUNTIME_DIR/sparkctl, else
// ~/.cache/sparkctl; written atomically (temp file + rename), owner-only:
// it holds the server's Spark Connect token.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sparkctl::runtime {

struct ServerState {
  pid_t pid = 0;
  pid_t pgid = 0;
  int port = 0;
  std::int64_t started_at = 0;              // unix seconds
  unsigned long long proc_start_ticks = 0;  // tells our JVM from a reused pid
  std::string spark_home;
  std::string log_path;
  std::string master;
  std::vector<std::string> jars;  // extra jars the server was started with
  std::string token;              // the Spark Connect token it demands ("" = none)

  std::string address() const;  // sc://127.0.0.1:PORT, for people and messages
  // What a client connects with: the address and the token (never print it).
  std::string remote() const;
};

// The state directory (created, mode 0700).
std::filesystem::path state_dir();
std::filesystem::path state_file();  // state_dir()/server.json

void write_state(const ServerState& state);
// The recorded state as is, or nullopt if there is none (or it is unreadable).
std::optional<ServerState> read_state();
void remove_state();

// Why a recorded server is no longer usable, or "" if it is alive: its
// process is gone (or the pid now belongs to another process) or its port
// does not accept connections.
std::string stale_reason(const ServerState& state);

// The recorded server if it is alive. A stale state file is removed (and
// the reason logged at debug level).
std::optional<ServerState> live_server();

}  // namespace sparkctl::runtime
