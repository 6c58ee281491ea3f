// A real Spark Connect server for the tests: spark-submit from the venv's
// pyspark, bound to 127.0.0.1 on a free port, in its own process group
// (killed at exit; it also dies with the test process). One server serves
// the whole test binary. Set SPARKCTL_TEST_REMOTE=sc://... to use a
// running server instead.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>

namespace sparkctl::connect {
class Session;
}

namespace sparkctl::connect::testing {

class SparkServer : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  static const std::string& remote();  // sc://127.0.0.1:<port>
  static const std::string& log_path();

 private:
  pid_t pid_ = -1;
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
