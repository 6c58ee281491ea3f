// What the verb tests share: running the real sparkctl binary (exit code,
// stdout, stderr, also while it runs), a scratch config file, the test
// cluster's kubeconfig and env file, and a Client that plays the operator.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../k8s/cluster_fixture.hpp"  // kubeconfig(), unique_name(), TempDir, env_or_empty()
#include "sparkctl/k8s/client.hpp"

extern char** environ;

namespace verbs_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Result {
  int code = -1;
  std::string out, err;
};

// A running sparkctl; output is collected by a reader thread.
class Process {
 public:
  explicit Process(const std::vector<std::string>& args) {
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
      throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> argv_strings = {SPARKCTL_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, SPARKCTL_BINARY, &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start " SPARKCTL_BINARY);
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    reader_ = std::thread([this, o = out_pipe[0], e = err_pipe[0]] { read_all(o, e); });
  }
  ~Process() {
    if (!finished_) {
      kill(pid_, SIGKILL);
      finish();
    }
  }

  // True once stderr (or stdout) holds `text`, false after `timeout`.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        if (result_.err.find(text) != std::string::npos ||
            result_.out.find(text) != std::string::npos)
          return true;
      }
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  std::string err() {
    std::lock_guard lock(mu_);
    return result_.err;
  }

  Result finish() {
    int status = 0;
    waitpid(pid_, &status, 0);
    if (reader_.joinable()) reader_.join();
    finished_ = true;
    result_.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result_;
  }

 private:
  void read_all(int out_fd, int err_fd) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open_count = 2;
    char buf[4096];
    while (open_count > 0) {
      poll(fds, 2, -1);
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = read(fds[i].fd, buf, sizeof buf);
        if (n <= 0) {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_count;
          continue;
        }
        std::lock_guard lock(mu_);
        (i == 0 ? result_.out : result_.err).append(buf, size_t(n));
      }
    }
  }

  pid_t pid_ = -1;
  std::thread reader_;
  std::mutex mu_;
  Result result_;
  bool finished_ = false;
};

inline Result run(const std::vector<std::string>& args) { return Process(args).finish(); }

using k8s_test::cluster_env;
using k8s_test::env_or_empty;
using k8s_test::kubeconfig;
using k8s_test::unique_name;
using Scratch = k8s_test::TempDir;  // write(name, text) -> path

// Minimal config for the cluster tests: namespace spark, no volumes.
inline const char* kBaseConfig = R"(
spark:
  version: 4.3.0
  conf:
    spark.sql.shuffle.partitions: "8"
kubernetes:
  namespace: spark
  image: example.invalid/sparkctl:test
  labels:
    app.kubernetes.io/managed-by: sparkctl
)";

// --- the test cluster (ctest fixture k8s_cluster) ---

// The kube flags every cluster test passes: admin context, namespace spark.
inline std::vector<std::string> with_cluster(std::vector<std::string> args,
                                             const std::string& context = "admin") {
  args.insert(args.end(), {"--kubeconfig", kubeconfig(), "--context", context});
  return args;
}

inline sparkctl::k8s::Client admin(const std::string& ns = "spark") {
  return k8s_test::connect("admin", ns);
}

inline std::string app_path(const std::string& name, const std::string& ns = "spark") {
  return "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" + ns + "/sparkapplications/" + name;
}

// Plays the spark-operator: merge-patches the status subresource (the
// CRD requires status.driverInfo, which the operator always writes).
inline void set_status(sparkctl::k8s::Client& client, const std::string& name,
                       nlohmann::json status) {
  if (!status.contains("driverInfo")) status["driverInfo"] = nlohmann::json::object();
  client.patch(app_path(name) + "/status", {{"status", status}}, "application/merge-patch+json");
}

inline nlohmann::json state(const std::string& value, const std::string& error = "") {
  nlohmann::json s = {{"state", value}};
  if (!error.empty()) s["errorMessage"] = error;
  return s;
}

// Base of the cluster tests: a config file, the kube flags, cleanup of
// the applications a test made.
class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kubeconfig().empty())
      GTEST_SKIP() << "SPARKCTL_TEST_KUBECONFIG not set (run through ctest)";
    config_ = scratch_.write("conf.yaml", kBaseConfig);
  }
  void TearDown() override {
    if (kubeconfig().empty()) return;
    auto client = admin();
    for (const auto& name : created_) client.request("DELETE", app_path(name), "", "");
  }

  // sparkctl --config <scratch> ARGS --kubeconfig <test> --context <context>
  std::vector<std::string> cmd(std::vector<std::string> args,
                               const std::string& context = "admin") {
    args.insert(args.begin(), {"--config", config_});
    return with_cluster(std::move(args), context);
  }
  Result sparkctl(std::vector<std::string> args, const std::string& context = "admin") {
    return run(cmd(std::move(args), context));
  }
  // A name the test owns (deleted at the end).
  std::string name(const std::string& prefix = "verbs") {
    created_.push_back(unique_name(prefix));
    return created_.back();
  }
  // Creates NAME through `sparkctl submit`.
  void submit(const std::string& app) {
    Result r = sparkctl({"submit", "--job", "pi", "--name", app});
    ASSERT_EQ(r.code, 0) << r.err;
  }

  Scratch scratch_;
  std::string config_;
  std::vector<std::string> created_;
};

}  // namespace verbs_test
