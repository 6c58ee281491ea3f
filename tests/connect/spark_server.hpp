// A real Spark Connect server for the tests: runtime::LocalServer (as `run`
// starts one) from the venv's pyspark, on 127.0.0.1, with its state (log,
// scratch, class-data archive) under this build tree; it dies with the test
// process. One server serves the whole test binary. Set
// SPARKCTL_TEST_REMOTE=sc://... to use a running server instead.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sparkctl::runtime {
class LocalServer;
}

namespace sparkctl::connect {
class Session;
}

namespace sparkctl::connect::testing {

class SparkServer : public ::testing::Environment {
 public:
  SparkServer();
  ~SparkServer() override;
  void SetUp() override;
  void TearDown() override;

  static const std::string& remote();  // sc://127.0.0.1:<port>/;token=...

 private:
  std::unique_ptr<runtime::LocalServer> server_;
};

// A test suite sharing one session on the server, in UTC (so timestamps
// print alike everywhere): derive from it and call session().
class SessionSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static Session& session() { return *session_; }

 private:
  static Session* session_;
};

}  // namespace sparkctl::connect::testing
