// What the tests against the real API server share: the kubeconfig from
// the ctest fixture k8s_cluster, its tokens, unique names, a SparkApplication.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "../support/temp_dir.hpp"
#include "sparkctl/k8s/client.hpp"
#include "sparkctl/k8s/kubeconfig.hpp"

namespace k8s_test {

inline std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Skips the test when not run under the k8s_cluster fixture.
#define REQUIRE_CLUSTER()                                                     \
  do {                                                                        \
    if (k8s_test::kubeconfig().empty())                                       \
      GTEST_SKIP() << "SPARKCTL_TEST_KUBECONFIG not set (run through ctest)"; \
  } while (0)

inline std::string kubeconfig() { return env_or_empty("SPARKCTL_TEST_KUBECONFIG"); }

// A variable of the test cluster's env file (scripts/test-cluster.sh):
// SPARKCTL_TEST_ADMIN_TOKEN, SPARKCTL_TEST_KUBECTL, ...
inline std::string cluster_env(const std::string& name) {
  std::ifstream in(env_or_empty("SPARKCTL_TEST_CLUSTER_DIR") + "/env");
  const std::string prefix = "export " + name + "='";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0)
      return line.substr(prefix.size(), line.size() - prefix.size() - 1);
  }
  return "";
}

inline sparkctl::k8s::Client connect(const std::string& context, const std::string& ns = "spark") {
  return sparkctl::k8s::Client::connect({kubeconfig(), context, ns});
}

inline sparkctl::k8s::Kubeconfig loaded() {
  sparkctl::k8s::Kubeconfig kc;
  kc.merge_file(kubeconfig());
  return kc;
}

inline std::string unique_name(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

inline const std::string apps_path =
    "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/sparkapplications";

inline nlohmann::json spark_application(const std::string& name) {
  return {{"apiVersion", "sparkoperator.k8s.io/v1beta2"},
          {"kind", "SparkApplication"},
          {"metadata", {{"name", name}}},
          {"spec",
           {{"type", "Scala"},
            {"mode", "cluster"},
            {"sparkVersion", "3.5.0"},
            {"mainClass", "org.apache.spark.examples.SparkPi"},
            {"mainApplicationFile", "local:///opt/spark/examples/jars/spark-examples.jar"},
            {"driver", {{"cores", 1}, {"memory", "512m"}}},
            {"executor", {{"instances", 1}, {"cores", 1}, {"memory", "512m"}}}}}};
}

using sparkctl::testing::TempDir;

}  // namespace k8s_test
