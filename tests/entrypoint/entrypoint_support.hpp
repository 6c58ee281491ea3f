// Shared by the entrypoint tests that drive the built sparkctl.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../support/temp_dir.hpp"
#include "sparkctl/runtime/child_process.hpp"

namespace sparkctl::entrypoint_test {

using sparkctl::testing::TempDir;

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Live processes whose command line mentions `needle`.
inline std::vector<pid_t> processes_mentioning(const std::string& needle) {
  std::vector<pid_t> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = slurp(entry.path() / "cmdline");
    for (char& c : cmdline)
      if (c == '\0') c = ' ';
    if (cmdline.find(needle) == std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    if (sparkctl::runtime::process_alive(pid)) found.push_back(pid);
  }
  return found;
}

// A command started in the background, its stdout and stderr in one file.
struct Background {
  sparkctl::runtime::ChildProcess process;
  std::filesystem::path log;

  std::string output() const { return slurp(log); }
  bool wait_for_output(const std::string& text, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (output().find(text) != std::string::npos) return true;
      if (!process.running()) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
  }
  // The exit code (128+N for signal N), or -1 if still running at the deadline.
  int wait_for_exit(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (process.running()) {
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const int status = process.wait_status().value_or(-1);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
};

// `argv` started in the background with `env` on top of this process's.
inline Background start_background(const std::vector<std::string>& argv,
                                   const std::map<std::string, std::string>& env,
                                   const std::filesystem::path& log) {
  sparkctl::runtime::SpawnOptions spawn;
  spawn.argv = argv;
  spawn.env = env;
  spawn.log_path = log.string();
  return {sparkctl::runtime::ChildProcess::spawn(spawn), log};
}

}  // namespace sparkctl::entrypoint_test
