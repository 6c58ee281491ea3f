#include "sparkctl/runtime/server_state.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sparkctl/core/atomic_file.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/port.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace sparkctl::runtime {
namespace {

fs::path base_state_dir() {
  if (const char* dir = std::getenv("SPARKCTL_STATE_DIR"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_RUNTIME_DIR"); dir && *dir)
    return fs::path(dir) / "sparkctl";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "sparkctl";
  return fs::temp_directory_path() / ("sparkctl-" + std::to_string(getuid()));
}

}  // namespace

std::string ServerState::address() const { return "sc://127.0.0.1:" + std::to_string(port); }

std::string ServerState::remote() const { return with_connect_token(address(), token); }

fs::path state_dir() {
  auto dir = base_state_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error::cluster("cannot create state directory " + dir.string() + ": " + ec.message());
  chmod(dir.c_str(), 0700);
  return dir;
}

fs::path state_file() { return state_dir() / "server.json"; }

void write_state(const ServerState& s) {
  json j = {{"pid", s.pid},
            {"pgid", s.pgid},
            {"port", s.port},
            {"started_at", s.started_at},
            {"proc_start_ticks", s.proc_start_ticks},
            {"spark_home", s.spark_home},
            {"log_path", s.log_path},
            {"master", s.master},
            {"jars", s.jars},
            {"token", s.token}};
  write_file_atomically(state_file().string(), j.dump(2) + "\n", 0600);
}

std::optional<ServerState> read_state() {
  std::ifstream in(state_file());
  if (!in) return std::nullopt;
  try {
    json j = json::parse(in);
    ServerState s;
    s.pid = j.at("pid").get<pid_t>();
    s.pgid = j.at("pgid").get<pid_t>();
    s.port = j.at("port").get<int>();
    s.started_at = j.value("started_at", std::int64_t{0});
    s.proc_start_ticks = j.value("proc_start_ticks", 0ULL);
    s.spark_home = j.value("spark_home", "");
    s.log_path = j.value("log_path", "");
    s.master = j.value("master", "");
    s.jars = j.value("jars", std::vector<std::string>{});
    s.token = j.value("token", "");
    return s;
  } catch (const json::exception& e) {
    spdlog::debug("ignoring unreadable state file {}: {}", state_file().string(), e.what());
    return std::nullopt;
  }
}

void remove_state() {
  std::error_code ec;
  fs::remove(state_file(), ec);
}

std::string stale_reason(const ServerState& s) {
  if (!process_alive(s.pid)) return "process " + std::to_string(s.pid) + " is gone";
  if (s.proc_start_ticks != 0 && process_start_ticks(s.pid) != s.proc_start_ticks)
    return "pid " + std::to_string(s.pid) + " now belongs to another process";
  if (!port_accepts(s.port, std::chrono::seconds(1)))
    return "port " + std::to_string(s.port) + " does not accept connections";
  return "";
}

std::optional<ServerState> live_server() {
  auto s = read_state();
  if (!s) {
    // A file we cannot read is as good as none; do not let it block `server start`.
    if (fs::exists(state_file())) remove_state();
    return std::nullopt;
  }
  if (auto why = stale_reason(*s); !why.empty()) {
    spdlog::debug("removing stale server state {}: {}", state_file().string(), why);
    // Its JVM may linger with the port closed; make sure it does not.
    if (group_alive(s->pgid) && s->proc_start_ticks == process_start_ticks(s->pid))
      stop_process_group(s->pid, s->pgid, std::chrono::seconds(2));
    remove_state();
    return std::nullopt;
  }
  return s;
}

}  // namespace sparkctl::runtime
