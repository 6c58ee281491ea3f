// What the verb tests share: running a sparkctl command line in this
// process or the real binary (exit code, stdout, stderr, also while it
// runs), a scratch config file, the test cluster's kubeconfig and env file,
// and a Client that plays the operator.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../k8s/cluster_fixture.hpp"  // kubeconfig(), unique_name(), TempDir, env_or_empty()
#include "command_runner.hpp"
#include "in_process.hpp"
#include "sparkctl/k8s/client.hpp"

namespace verbs_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Result {
  int code = -1;
  std::string out, err;
};

// A running sparkctl (tests/support/command_runner.hpp).
class Process {
 public:
  explicit Process(const std::vector<std::string>& args)
      : command_(sparkctl::testing::sparkctl_argv(args)) {}

  // True once stderr (or stdout) holds `text`, false after `timeout`.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout = 30s) {
    return command_.wait_for_output(text, timeout);
  }
  std::string err() { return command_.err(); }
  Result finish() {
    auto result = command_.finish();
    return {result.exit_code, result.out, result.err};
  }

 private:
  sparkctl::testing::RunningCommand command_;
};

// A command line run in this process, through the binary's top level
// (tests/support/in_process.hpp); Process runs the real binary.
inline Result run(const std::vector<std::string>& args) {
  auto result = sparkctl::testing::run_in_process(args);
  return {result.exit_code, result.out, result.err};
}

using k8s_test::cluster_env;
using k8s_test::env_or_empty;
using k8s_test::kubeconfig;
using k8s_test::unique_name;
using Scratch = k8s_test::TempDir;  // write(name, text) -> path

// Minimal config for the cluster tests: namespace spark, no volumes.
inline const char* base_config = R"(
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
    config_ = scratch_.write("conf.yaml", base_config);
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
  // storage.staging_uri set in the config, its store unreachable: own
  // applications' URIs can be planned (a dry run), an upload fails (exit 3).
  void use_unreachable_store() {
    config_ = scratch_.write("conf.yaml", std::string(base_config) + R"(
storage:
  staging_uri: s3a://bucket/staging
  s3:
    endpoint: http://127.0.0.1:1
    access_key: key
    secret_key: secret
)");
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
