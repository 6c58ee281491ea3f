// Shared by the runtime tests: temp dirs (../support), environment overrides, waiting,
// and looking at the process table.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace sparkctl::runtime::test {

namespace fs = std::filesystem;

using sparkctl::testing::TempDir;

// Sets (or, with nullopt, unsets) an environment variable for a scope.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = getenv(name_.c_str())) old_ = old;
    if (value)
      setenv(name_.c_str(), value->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_.c_str(), old_->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

template <typename Predicate>
bool wait_until(Predicate predicate, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

// Live (non-zombie) processes whose command line contains `needle`.
inline std::vector<pid_t> processes_with(const std::string& needle) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string text((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    const pid_t pid = std::stoi(name);
    if (text.find(needle) != std::string::npos && process_alive(pid)) found.push_back(pid);
  }
  return found;
}

// The message of the sparkctl::Error `f` throws, checking its exit code
// and that it is one line.
template <typename F>
std::string error_of(F f, ErrorKind expected) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), expected) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

// The server of port P is the only process with this in its command line.
inline std::string server_marker(int port) {
  return "spark.connect.grpc.binding.port=" + std::to_string(port);
}

// The first line of `path` starting with `prefix`, once it appears.
inline std::string wait_for_line(const fs::path& path, const std::string& prefix,
                                 std::chrono::milliseconds timeout) {
  std::string found;
  wait_until(
      [&] {
        std::ifstream in(path);
        for (std::string line; std::getline(in, line);)
          if (line.rfind(prefix, 0) == 0) {
            found = line;
            return true;
          }
        return false;
      },
      timeout);
  return found;
}

inline fs::path test_spark_home() {
  return find_spark_home("", "spark.home", {fs::path(SPARKCTL_SOURCE_DIR)});
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The permission bits of a file (e.g. 0600).
inline unsigned mode_of(const fs::path& path) {
  return static_cast<unsigned>(fs::status(path).permissions()) & 0777;
}

// The token of a connection string sc://host:port/;token=T ("" if none).
inline std::string token_of(const std::string& remote) {
  const auto at = remote.find(";token=");
  return at == std::string::npos ? "" : remote.substr(at + 7, remote.find(';', at + 7) - at - 7);
}

// A fake SPARK_HOME whose bin/spark-submit is `script` (sh).
inline fs::path fake_spark_home(const fs::path& dir, const std::string& script) {
  fs::create_directories(dir / "bin");
  fs::create_directories(dir / "jars");
  std::ofstream(dir / "bin" / "spark-submit") << "#!/bin/sh\n" << script << "\n";
  fs::permissions(dir / "bin" / "spark-submit", fs::perms::owner_all);
  return dir;
}

}  // namespace sparkctl::runtime::test
