#include "sparkctl/runtime/local_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>

#include "sparkctl/runtime/port.hpp"
#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

using namespace std::chrono_literals;

class LocalServerTest : public ::testing::Test {
 protected:
  TempDir dir;
  ScopedEnv state_dir_env{"SPARKCTL_STATE_DIR", dir.path().string()};

  ServerOptions options(fs::path spark_home) {
    ServerOptions o;
    o.spark_home = std::move(spark_home);
    o.java_home = find_java("").home;
    o.master = "local[1]";
    o.show_progress = false;
    return o;
  }
};

TEST(SparkSubmitCommand, PassesMasterConfAndJarsAndPinsTheServerToLoopback) {
  ServerOptions o;
  o.spark_home = "/opt/spark";
  o.master = "local[2]";
  o.conf = {{"spark.sql.shuffle.partitions", "4"}, {"spark.connect.grpc.binding.port", "1"}};
  o.extra_jars = {"/a.jar", "/b.jar"};
  auto argv = spark_submit_command(o, 15002);
  const std::vector<std::string> expected = {
      "/opt/spark/bin/spark-submit",
      "--class",
      "org.apache.spark.sql.connect.service.SparkConnectServer",
      "--name",
      "sparkctl-connect-server",
      "--master",
      "local[2]",
      "--jars",
      "/a.jar,/b.jar",
      "--conf",
      "spark.authenticate=true",  // the driver's own ports, local mode
      "--conf",
      "spark.connect.grpc.binding.port=1",
      "--conf",
      "spark.sql.shuffle.partitions=4",
      "--conf",
      "spark.ui.enabled=false",
      "--conf",
      "spark.ui.killEnabled=false",
      "--conf",
      "spark.connect.grpc.binding.address=127.0.0.1",
      "--conf",
      "spark.connect.grpc.binding.port=15002",  // later wins
      "--conf",
      "spark.driver.host=127.0.0.1",
      "--conf",
      "spark.driver.bindAddress=127.0.0.1",
      "spark-internal"};
  EXPECT_EQ(argv, expected);
}

TEST(SparkSubmitCommand, KeepsOtherUsersOutUnlessSparkConfSaysOtherwise) {
  ServerOptions o;
  o.spark_home = "/opt/spark";
  auto has = [](const std::vector<std::string>& argv, const std::string& setting) {
    return std::find(argv.begin(), argv.end(), setting) != argv.end();
  };
  o.master = "local[*]";
  auto argv = spark_submit_command(o, 15002);
  EXPECT_TRUE(has(argv, "spark.authenticate=true"));
  EXPECT_TRUE(has(argv, "spark.ui.enabled=false"));
  EXPECT_TRUE(has(argv, "spark.ui.killEnabled=false"));

  o.web_ui = true;  // `server start --ui`: the UI, still without kill buttons
  argv = spark_submit_command(o, 15002);
  EXPECT_TRUE(has(argv, "spark.ui.enabled=true"));
  EXPECT_TRUE(has(argv, "spark.ui.killEnabled=false"));

  // Outside local mode the cluster's executors would need the secret too:
  // that is the cluster's configuration to make.
  o.master = "spark://head:7077";
  EXPECT_FALSE(has(spark_submit_command(o, 15002), "spark.authenticate=true"));

  o.master = "local[2,3]";
  o.conf = {{"spark.ui.killEnabled", "true"}};
  argv = spark_submit_command(o, 15002);
  EXPECT_TRUE(has(argv, "spark.authenticate=true"));
  EXPECT_TRUE(has(argv, "spark.ui.killEnabled=true"));
  EXPECT_FALSE(has(argv, "spark.ui.killEnabled=false"));
}

TEST_F(LocalServerTest, TheTokenGoesToTheServerByEnvironmentAndItsFilesAreOwnerOnly) {
  const auto seen = dir.path() / "seen";
  auto home = fake_spark_home(dir.path() / "spark",
                              "echo \"$SPARK_CONNECT_AUTHENTICATE_TOKEN\" > " + seen.string() +
                                  "; echo \"$@\" > " + seen.string() + ".args; touch " +
                                  seen.string() + ".made; echo started; exit 3");
  const mode_t old_umask = ::umask(022);  // what a user has: the server must not rely on it
  LocalServer server(options(home));
  ::testing::internal::CaptureStderr();
  error_of([&] { server.start(); }, ErrorKind::cluster);
  const auto shown = ::testing::internal::GetCapturedStderr();
  const auto token = token_of(server.remote());
  ASSERT_EQ(token.size(), 64u) << "32 random bytes in hex";
  EXPECT_EQ(server.remote(), server.address() + "/;token=" + token);
  EXPECT_EQ(read_text(seen), token + "\n");
  EXPECT_EQ(read_text(seen.string() + ".args").find(token), std::string::npos);
  EXPECT_EQ(shown.find(token), std::string::npos) << shown;
  EXPECT_EQ(mode_of(server.log_path()), 0600u);
  EXPECT_EQ(mode_of(server.log_path().parent_path()), 0700u);
  EXPECT_EQ(mode_of(seen.string() + ".made"), 0600u) << "the server runs with umask 077";

  LocalServer again(options(home));  // a new token per server
  ::testing::internal::CaptureStderr();
  error_of([&] { again.start(); }, ErrorKind::cluster);
  ::testing::internal::GetCapturedStderr();
  EXPECT_NE(token_of(again.remote()), token);
  ::umask(old_umask);
}

TEST_F(LocalServerTest, StartsARealServerThatAcceptsConnectionsAndStopLeavesNoJava) {
  LocalServer server(options(test_spark_home()));
  server.start();
  const int port = server.port();
  std::printf("cold start of the local Spark Connect server: %.1fs\n",
              server.startup_time().count() / 1000.0);
  EXPECT_EQ(server.address(), "sc://127.0.0.1:" + std::to_string(port));
  EXPECT_TRUE(port_accepts(port));
  const pid_t group = server.pid();
  const auto jvms = processes_with(server_marker(port));
  ASSERT_FALSE(jvms.empty());
  for (pid_t jvm : jvms) EXPECT_EQ(getpgid(jvm), group) << "JVM outside the server's group";
  // The token is in the JVM's environment (only its owner can read that),
  // in no command line and not in the log.
  const auto token = token_of(server.remote());
  ASSERT_FALSE(token.empty());
  const auto environ = read_text("/proc/" + std::to_string(jvms.front()) + "/environ");
  EXPECT_NE(environ.find("SPARK_CONNECT_AUTHENTICATE_TOKEN=" + token), std::string::npos);
  EXPECT_TRUE(processes_with(token).empty()) << "the token is on a command line";
  EXPECT_EQ(read_text(server.log_path()).find(token), std::string::npos);
  EXPECT_EQ(mode_of(server.log_path()), 0600u);
  EXPECT_TRUE(fs::exists(server.log_path()));
  EXPECT_EQ(server.log_path().parent_path(), dir.path() / "logs");
  // Spark's scratch files (block manager, temporary folders) are in a
  // folder of the server's, not in /tmp, and go with it.
  const auto scratch = server_scratch_dir(port);
  EXPECT_EQ(scratch, dir.path() / "scratch" / std::to_string(port));
  EXPECT_EQ(mode_of(scratch), 0700u);
  bool block_manager = false;
  for (const auto& entry : fs::directory_iterator(scratch))
    block_manager |= entry.path().filename().string().rfind("blockmgr-", 0) == 0;
  EXPECT_TRUE(block_manager) << "spark.local.dir is not the server's scratch folder";

  server.stop();
  EXPECT_FALSE(fs::exists(scratch));
  EXPECT_FALSE(group_alive(group));
  EXPECT_TRUE(processes_with(server_marker(port)).empty());
  EXPECT_FALSE(port_accepts(port));
}

TEST_F(LocalServerTest, ServerThatExitsDuringStartupIsAClusterErrorShowingItsLog) {
  auto home = fake_spark_home(dir.path() / "spark",
                              "for i in $(seq 1 30); do echo \"log line $i\"; done\n"
                              "echo 'Exception: no Spark here' >&2; exit 3");
  LocalServer server(options(home));
  ::testing::internal::CaptureStderr();
  const auto message = error_of([&] { server.start(); }, ErrorKind::cluster);
  EXPECT_NE(message.find("exited (exited with status 3) before accepting connections"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(server.log_path().string()), std::string::npos) << message;
  const auto shown = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(shown.find("log line 30\nException: no Spark here\n"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("log line 11\n"), std::string::npos) << "only the last 20 lines";
  EXPECT_NE(shown.find("log line 12\n"), std::string::npos) << shown;
}

TEST_F(LocalServerTest, StartupTimeoutStopsTheServerAndFails) {
  const auto pid_file = dir.path() / "pid";
  auto home =
      fake_spark_home(dir.path() / "spark", "echo $$ > " + pid_file.string() + "; exec sleep 300");
  auto o = options(home);
  o.startup_timeout = 1s;
  LocalServer server(o);
  ::testing::internal::CaptureStderr();
  const auto message = error_of([&] { server.start(); }, ErrorKind::cluster);
  ::testing::internal::GetCapturedStderr();
  EXPECT_NE(message.find("did not accept connections within 1s (spark.startup_timeout)"),
            std::string::npos)
      << message;
  EXPECT_FALSE(server.running());
  const pid_t sleeper = std::stoi(read_text(pid_file));
  EXPECT_FALSE(process_alive(sleeper));
}

TEST_F(LocalServerTest, ConfiguredPortInUseIsAUsageError) {
  auto home = fake_spark_home(dir.path() / "spark", "exit 0");
  const int taken_port = pick_free_port();
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(taken_port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  listen(fd, 1);
  auto o = options(home);
  o.port = taken_port;
  LocalServer server(o);
  EXPECT_NE(error_of([&] { server.start(); }, ErrorKind::usage)
                .find("port " + std::to_string(taken_port) + " on 127.0.0.1 is in use"),
            std::string::npos);
  close(fd);
}

}  // namespace
}  // namespace sparkctl::runtime::test
