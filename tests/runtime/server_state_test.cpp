#include "sparkctl/runtime/server_state.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/port.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;

// A listening socket standing in for a server's gRPC port.
class Listener {
 public:
  Listener() : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(fd_, 4);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~Listener() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

class ServerStateTest : public ::testing::Test {
 protected:
  TempDir dir;
  ScopedEnv state_dir_env{"SPARKCTL_STATE_DIR", dir.path().string()};

  ChildProcess child = ChildProcess::spawn({{"/bin/sleep", "300"}});
  Listener listener;

  // A state describing the live `child` listening on `listener`'s port.
  ServerState state_of() {
    ServerState s;
    s.pid = child.pid();
    s.pgid = child.pgid();
    s.port = listener.port();
    s.started_at = 1700000000;
    s.proc_start_ticks = process_start_ticks(child.pid());
    s.spark_home = "/opt/spark";
    s.log_path = "/tmp/x.log";
    s.master = "local[2]";
    s.jars = {"/a.jar", "/b.jar"};
    s.token = "t0ken";
    return s;
  }
};

TEST_F(ServerStateTest, StateDirComesFromTheEnvironmentAndIsPrivate) {
  EXPECT_EQ(state_dir(), dir.path());
  EXPECT_EQ(state_file(), dir.path() / "server.json");
  struct stat st {};
  ASSERT_EQ(stat(dir.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST_F(ServerStateTest, FallsBackToXdgRuntimeDir) {
  ScopedEnv no_override("SPARKCTL_STATE_DIR", std::nullopt);
  ScopedEnv runtime_dir("XDG_RUNTIME_DIR", dir.path().string());
  EXPECT_EQ(state_dir(), dir.path() / "sparkctl");
}

TEST_F(ServerStateTest, WritesAndReadsBackEveryField) {
  write_state(state_of());
  auto read = read_state();
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->pid, child.pid());
  EXPECT_EQ(read->pgid, child.pgid());
  EXPECT_EQ(read->port, listener.port());
  EXPECT_EQ(read->started_at, 1700000000);
  EXPECT_EQ(read->spark_home, "/opt/spark");
  EXPECT_EQ(read->log_path, "/tmp/x.log");
  EXPECT_EQ(read->master, "local[2]");
  EXPECT_EQ(read->jars, (std::vector<std::string>{"/a.jar", "/b.jar"}));
  EXPECT_EQ(read->address(), "sc://127.0.0.1:" + std::to_string(listener.port()));
  EXPECT_EQ(read->remote(), read->address() + "/;token=t0ken");
  EXPECT_EQ(fs::status(state_file()).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  // Atomic write: no temp file left beside it.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST_F(ServerStateTest, LiveServerKeepsAnAliveOne) {
  write_state(state_of());
  EXPECT_EQ(stale_reason(*read_state()), "");
  ASSERT_TRUE(live_server().has_value());
  EXPECT_TRUE(fs::exists(state_file()));
}

TEST_F(ServerStateTest, DeadProcessIsStaleAndRemoved) {
  auto state = state_of();
  write_state(state);
  child.stop();
  EXPECT_NE(stale_reason(state).find("is gone"), std::string::npos);
  EXPECT_FALSE(live_server().has_value());
  EXPECT_FALSE(fs::exists(state_file()));
}

TEST_F(ServerStateTest, ReusedPidIsStale) {
  auto state = state_of();
  state.proc_start_ticks += 1;  // as if the pid now belonged to a younger process
  EXPECT_NE(stale_reason(state).find("another process"), std::string::npos);
}

TEST_F(ServerStateTest, ClosedPortIsStaleAndItsProcessIsStopped) {
  write_state(state_of());
  listener.close();
  EXPECT_NE(stale_reason(*read_state()).find("does not accept connections"), std::string::npos);
  EXPECT_FALSE(live_server().has_value());
  EXPECT_FALSE(fs::exists(state_file()));
  EXPECT_FALSE(child.running());  // a hung server does not linger unrecorded
}

TEST_F(ServerStateTest, UnreadableStateFileIsIgnoredAndRemoved) {
  std::ofstream(state_file()) << "{ not json";
  EXPECT_FALSE(read_state().has_value());
  EXPECT_FALSE(live_server().has_value());
  EXPECT_FALSE(fs::exists(state_file()));
}

TEST(Port, FreePortIsFreeAndAcceptsNothing) {
  const int port = pick_free_port();
  EXPECT_GT(port, 0);
  EXPECT_TRUE(port_free(port));
  EXPECT_FALSE(port_accepts(port));
  Listener listener;
  EXPECT_TRUE(port_accepts(listener.port()));
  EXPECT_FALSE(port_free(listener.port()));
}

}  // namespace
}  // namespace sparkctl::runtime::test
