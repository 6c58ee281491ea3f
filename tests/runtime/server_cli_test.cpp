// `sparkctl server start|status|stop` through the real binary, and `run`'s
// acquire_spark() reusing the warm server it leaves behind.
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "sparkctl/runtime/spark_target.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs sparkctl through a pipe, the way `$(sparkctl server start)` does: it
// only returns once every writer of stdout is gone, so a server that kept
// sparkctl's stdout would hang it.
Result sparkctl(const std::string& args, const fs::path& scratch) {
  const auto err_path = scratch / "stderr.txt";
  const std::string command = "timeout 240 " + std::string(SPARKCTL_BINARY) +
                              " --set spark.master=local[1] " + args + " 2>" + err_path.string();
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_text(err_path);
  return result;
}

config::Config test_config(std::vector<config::Override> overrides = {}) {
  config::LoadRequest request;
  request.search_default_locations = false;
  request.overrides = std::move(overrides);
  static const auto schema = config::built_in_schema();
  return config::load(schema, request);
}

class ServerCliTest : public ::testing::Test {
 protected:
  TempDir dir;
  ScopedEnv state_dir_env{"SPARKCTL_STATE_DIR", dir.path().string()};
  ScopedEnv no_remote{"SPARKCTL_REMOTE", std::nullopt};
  ScopedEnv no_spark_remote{"SPARKCTL_SPARK_REMOTE", std::nullopt};
};

TEST_F(ServerCliTest, RemoteConfigIsUsedAsIsWithoutStartingAnything) {
  auto target = acquire_spark(
      test_config({{"spark.remote", "sc://spark.example:15002", "--remote"}}), {"/x.jar"});
  EXPECT_EQ(target.kind, SparkTarget::Kind::remote);
  EXPECT_EQ(target.remote, "sc://spark.example:15002");
  EXPECT_EQ(target.owner, nullptr);
}

TEST_F(ServerCliTest, WarmServerOutlivesSparkctlIsReusedAndStops) {
  auto none = sparkctl("server status", dir.path());
  EXPECT_EQ(none.exit_code, 3) << none.err;
  EXPECT_NE(none.err.find("no warm Spark Connect server is running"), std::string::npos)
      << none.err;

  const auto begin = Clock::now();
  auto started = sparkctl("-v server start", dir.path());
  const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  ASSERT_EQ(started.exit_code, 0) << started.err;
  std::printf("cold `sparkctl server start` with its warm-up: %.1fs\n", seconds);
  // It ran its warm-up queries on the server before returning.
  EXPECT_NE(started.err.find("warm-up round 2: "), std::string::npos) << started.err;
  ASSERT_EQ(started.out.rfind("sc://127.0.0.1:", 0), 0u) << started.out;

  // sparkctl has exited; the server runs on in a session of its own.
  auto state = live_server();
  ASSERT_TRUE(state.has_value());
  EXPECT_EQ(started.out, state->address() + "\n");  // no token
  EXPECT_EQ(getsid(state->pid), state->pid);
  EXPECT_TRUE(port_accepts(state->port));
  EXPECT_EQ(state->master, "local[1]");
  EXPECT_TRUE(fs::is_directory(server_scratch_dir(state->port)));

  auto json_status = sparkctl("server status -o json", dir.path());
  ASSERT_EQ(json_status.exit_code, 0) << json_status.err;
  auto j = nlohmann::json::parse(json_status.out);
  EXPECT_EQ(j["running"], true);
  EXPECT_EQ(j["port"], state->port);
  EXPECT_EQ(j["pid"], state->pid);

  auto table = sparkctl("server status", dir.path());
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("REMOTE"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(state->address()), std::string::npos) << table.out;

  auto again = sparkctl("server start", dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, started.out);
  EXPECT_NE(again.err.find("already running"), std::string::npos) << again.err;

  // What `run` does: a rerun finds the warm server at once.
  const auto acquire_begin = Clock::now();
  auto target = acquire_spark(test_config(), {});
  const auto acquire_time = Clock::now() - acquire_begin;
  EXPECT_EQ(target.kind, SparkTarget::Kind::warm_server);
  EXPECT_EQ(target.remote, state->remote());
  EXPECT_LT(acquire_time, 500ms);
  std::printf("acquire_spark with a warm server: %.1f ms\n",
              std::chrono::duration<double, std::milli>(acquire_time).count());

  auto stopped = sparkctl("server stop", dir.path());
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_FALSE(fs::exists(state_file()));
  EXPECT_FALSE(fs::exists(server_scratch_dir(state->port)));
  EXPECT_TRUE(wait_until([&] { return processes_with(server_marker(state->port)).empty(); }, 10s));
  EXPECT_FALSE(port_accepts(state->port));

  EXPECT_EQ(sparkctl("server status", dir.path()).exit_code, 3);
  EXPECT_EQ(sparkctl("server stop", dir.path()).exit_code, 0);  // idempotent
}

}  // namespace
}  // namespace sparkctl::runtime::test
