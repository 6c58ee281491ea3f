#include "spark_server.hpp"

#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "sparkctl/connect/session.hpp"
#include "sparkctl/runtime/local_server.hpp"

namespace sparkctl::connect::testing {
namespace {

std::string g_remote;

}  // namespace

SparkServer::SparkServer() = default;
SparkServer::~SparkServer() = default;

const std::string& SparkServer::remote() { return g_remote; }

void SparkServer::SetUp() {
  if (const char* remote = std::getenv("SPARKCTL_TEST_REMOTE"); remote && *remote) {
    g_remote = remote;
    return;
  }
  std::filesystem::create_directories(CONNECT_TEST_STATE_DIR);
  ::setenv("SPARKCTL_STATE_DIR", CONNECT_TEST_STATE_DIR, 1);
  runtime::ServerOptions options;
  options.spark_home = SPARKCTL_TEST_SPARK_HOME;
  options.java_home = SPARKCTL_TEST_JAVA_HOME;
  options.master = "local[2]";
  options.conf = {{"spark.sql.shuffle.partitions", "4"}};
  options.startup_timeout = std::chrono::seconds(180);
  options.show_progress = false;
  server_ = std::make_unique<runtime::LocalServer>(options);
  try {
    server_->start();  // from the main thread: the server dies with this process
  } catch (const std::exception& e) {
    server_.reset();
    FAIL() << "the Spark Connect server did not start: " << e.what();
  }
  g_remote = server_->remote();
}

void SparkServer::TearDown() { server_.reset(); }

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
