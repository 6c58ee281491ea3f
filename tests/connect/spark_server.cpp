#include "spark_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "sparkctl/connect/session.hpp"

namespace sparkctl::connect::testing {
namespace {

std::string g_remote;
std::string g_log;

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

const std::string& SparkServer::remote() { return g_remote; }
const std::string& SparkServer::log_path() { return g_log; }

void SparkServer::SetUp() {
  if (const char* remote = std::getenv("SPARKCTL_TEST_REMOTE"); remote && *remote) {
    g_remote = remote;
    return;
  }
  const std::string spark_home = SPARKCTL_TEST_SPARK_HOME;
  const int port = free_port();
  g_log = (std::filesystem::temp_directory_path() /
           ("sparkctl-connect-test-server-" + std::to_string(getpid()) + ".log"))
              .string();
  const std::string submit = spark_home + "/bin/spark-submit";
  std::vector<std::string> args = {
      submit,
      "--class",
      "org.apache.spark.sql.connect.service.SparkConnectServer",
      "--master",
      "local[2]",
      "--conf",
      "spark.connect.grpc.binding.address=127.0.0.1",
      "--conf",
      "spark.connect.grpc.binding.port=" + std::to_string(port),
      "--conf",
      "spark.ui.enabled=false",
      "--conf",
      "spark.driver.host=127.0.0.1",
      "--conf",
      "spark.driver.bindAddress=127.0.0.1",
      "--conf",
      "spark.sql.shuffle.partitions=4",
  };
  const pid_t parent = getpid();
  pid_ = fork();
  ASSERT_GE(pid_, 0) << "fork failed";
  if (pid_ == 0) {
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test binary
    if (getppid() != parent) _exit(1);
    const int log = open(g_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, 1);
    dup2(log, 2);
    setenv("SPARK_HOME", spark_home.c_str(), 1);
    setenv("JAVA_HOME", SPARKCTL_TEST_JAVA_HOME, 1);
    setenv("SPARK_LOCAL_IP", "127.0.0.1", 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(submit.c_str(), argv.data());
    _exit(127);
  }
  setpgid(pid_, pid_);
  g_remote = "sc://127.0.0.1:" + std::to_string(port);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  while (!port_open(port)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "the Spark Connect server exited during start-up; see " << g_log;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      FAIL() << "the Spark Connect server did not listen within 180 s; see " << g_log;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void SparkServer::TearDown() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(-pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

Session* SessionSuite::session_ = nullptr;

void SessionSuite::SetUpTestSuite() {
  session_ = new Session(Session::open(SparkServer::remote()));
  session_->conf().set("spark.sql.session.timeZone", "UTC");
}

void SessionSuite::TearDownTestSuite() {
  session_->close();
  delete session_;
  session_ = nullptr;
}

}  // namespace sparkctl::connect::testing
