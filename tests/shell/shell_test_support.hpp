// What the shell tests share: the address of the one Spark Connect server
// the test binary started (spark_server_env.cpp), and scratch dirs (TempDir).
#pragma once

#include <filesystem>
#include <string>

#include "temp_dir.hpp"

namespace shell_test {

namespace fs = std::filesystem;

// sc://127.0.0.1:PORT of the server started for this binary.
const std::string& remote();

using sparkctl::testing::TempDir;

}  // namespace shell_test
