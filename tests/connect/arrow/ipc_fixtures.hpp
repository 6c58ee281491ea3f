// Test support: IPC streams written by real pyarrow (make_ipc_fixtures.py,
// run once per test binary) and a compact, exact description of a Value.
#pragma once

#include <string>

#include "sparkctl/connect/value.hpp"

namespace sparkctl::arrow::testing {

// Bytes of fixture `name`; skips the calling test when pyarrow is missing
// (fails instead if SPARKCTL_PYTHON was set explicitly).
// Use as: std::string bytes; ASSERT_FIXTURE(bytes, "primitives.arrows");
bool load_fixture(const std::string& name, std::string& bytes, std::string& why_not);

#define ASSERT_FIXTURE(bytes, name)                                         \
  do {                                                                      \
    std::string why_not_;                                                   \
    if (!::sparkctl::arrow::testing::load_fixture(name, bytes, why_not_)) { \
      if (std::getenv("SPARKCTL_PYTHON") != nullptr) FAIL() << why_not_;    \
      GTEST_SKIP() << why_not_;                                             \
    }                                                                       \
  } while (0)

// "null", "bool:true", "int:42", "double:0.1", "str:abc", "bin:<bytes>",
// "dec(10,2):-1.50", "date:1969-12-31", "ts:1970-01-01 00:00:00.5" (ntz),
// "tstz:..." (shown in its zone), else "<kind name>:<Spark's text>" — kind
// and value together, so EXPECT_EQ compares both exactly.
std::string describe(const connect::Value& v);

// The python with pyarrow that made the fixtures (SPARKCTL_PYTHON).
std::string python();

// Directory holding every fixture (empty if they could not be made).
const std::string& fixture_dir();

}  // namespace sparkctl::arrow::testing
