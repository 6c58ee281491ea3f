// The fixture of the end-to-end tests with the real spark-operator in the
// loop (ctest fixture spark_operator, scripts/spark-operator.sh). There is
// no kubelet, so the tests play it: they patch the driver pod's status
// (Running, then Succeeded or Failed) and expect the operator to move the
// application on, and they can run the driver container on this machine
// (local_container.hpp) with the exact command line the operator made.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "../k8s/cluster_fixture.hpp"  // env_or_empty(), kubeconfig(), cluster_env()
#include "command_runner.hpp"
#include "local_container.hpp"
#include "sparkctl/k8s/client.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace e2e_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using k8s_test::env_or_empty;
using k8s_test::kubeconfig;
// True when an object names the application among its owners (so a
// cluster's garbage collector deletes it with the application).
using nlohmann::json;
using sparkctl::k8s::owned_by_application;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_sparkctl;

// The one namespace the test operator watches (spark_operator fixture).
inline std::string test_namespace() {
  std::string ns = env_or_empty("SPARKCTL_TEST_OPERATOR_NAMESPACES");
  return ns.substr(0, ns.find(','));
}

inline constexpr const char* kImage = "example.invalid/sparkctl:e2e";
inline constexpr const char* kServiceAccount = "spark-e2e";
inline constexpr const char* kDriverContainer = "spark-kubernetes-driver";

// The test configuration (kImage and kServiceAccount appear in it): what
// the driver pod must show.
inline std::string config_text(const std::string& ns) {
  std::string text = R"(spark:
  version: 4.3.0
kubernetes:
  namespace: @NAMESPACE@
  image: example.invalid/sparkctl:e2e
  image_pull_policy: Never
  service_account: spark-e2e
  wait_timeout: 300
  volumes:
    scratch: emptyDir::/scratch
  secrets:
    spark-key-file: /mnt/secrets
jobs:
  pi:
    partitions: 3
    message: from the config
)";
  const std::string placeholder = "@NAMESPACE@";
  return text.replace(text.find(placeholder), placeholder.size(), ns);
}

inline std::string rfc3339_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Polls `ready` every 250 ms until it is true or `timeout` passes.
inline bool eventually(const std::function<bool()>& ready, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(250ms);
  }
  return ready();
}

inline const json* find_named(const json& list, const std::string& name) {
  for (const auto& item : list) {
    if (item.value("name", "") == name) return &item;
  }
  return nullptr;
}

// The sparkctl image as this machine has it: its ENTRYPOINT and ENV
// (docker/Dockerfile) with the set-up's Spark, Java and sparkctl.
inline sparkctl::e2e::LocalContainerOptions sparkctl_image(const fs::path& root) {
  sparkctl::e2e::LocalContainerOptions image;
  image.root = root;
  image.image_entrypoint = {SPARKCTL_BINARY, "entrypoint"};
  const auto java_home = sparkctl::runtime::find_java("").home;
  image.image_env = {{"SPARK_HOME", sparkctl::runtime::find_spark_home("").string()},
                     {"JAVA_HOME", java_home.string()},
                     {"PATH", (java_home / "bin").string() + ":/usr/local/bin:/usr/bin:/bin"},
                     {"LANG", "C.UTF-8"},
                     {"HOME", (root / "home").string()},
                     {"SPARKCTL_CONFIG", SPARKCTL_SOURCE_DIR "/config/conf.yaml"}};
  // No executor pod can run without a kubelet: the driver runs its tasks.
  image.property_overrides = {{"spark.master", "local[2]"}};
  return image;
}

class SimulatedKubelet : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kubeconfig().empty() || test_namespace().empty()) {
      GTEST_SKIP()
          << "needs the k8s_cluster and spark_operator fixtures (run through ctest -L e2e)";
    }
    ns_ = test_namespace();
    dir_ = fs::temp_directory_path() / ("sparkctl-e2e-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    config_ = (dir_ / "conf.yaml").string();
    std::ofstream(config_) << config_text(ns_);
    client_ = std::make_unique<sparkctl::k8s::Client>(
        sparkctl::k8s::Client::connect({kubeconfig(), "admin", ns_}));
    // kubernetes.secrets of the config: a kubelet mounts it, so it must exist.
    json secret = {{"apiVersion", "v1"},
                   {"kind", "Secret"},
                   {"metadata", {{"name", "spark-key-file"}}},
                   {"stringData", {{"key.json", "{}"}}}};
    client_->request("POST", "/api/v1/namespaces/" + ns_ + "/secrets", secret.dump(),
                     "application/json");
  }

  void TearDown() override {
    if (client_) {
      for (const auto& name : created_) {
        client_->request("DELETE", app_path(name), "", "");
        client_->request("DELETE", pod_path(name + "-driver"), "", "");
      }
    }
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  std::string app_path(const std::string& name) const {
    return "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" + ns_ + "/sparkapplications/" + name;
  }
  std::string pod_path(const std::string& pod) const {
    return "/api/v1/namespaces/" + ns_ + "/pods/" + pod;
  }

  // sparkctl --config <test config> ARGS --kubeconfig <test> --context admin
  CommandResult sparkctl(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--config", config_});
    args.insert(args.end(), {"--kubeconfig", kubeconfig(), "--context", "admin"});
    return run_sparkctl(args);
  }

  // A unique application name, cleaned up at the end.
  std::string name(const std::string& prefix) {
    static int n = 0;
    created_.push_back(prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    return created_.back();
  }

  // `sparkctl submit --job pi --wait [extra...]` in the background.
  std::future<CommandResult> submit_and_wait(const std::string& app,
                                             std::vector<std::string> extra = {}) {
    return std::async(std::launch::async, [this, app, extra] {
      std::vector<std::string> args = {"submit", "--job",  "pi",        "--name",
                                       app,      "--wait", "--timeout", "300s"};
      args.insert(args.end(), extra.begin(), extra.end());
      return sparkctl(args);
    });
  }

  // The driver pod, once spark-submit (run by the operator) has created
  // it; null (and a failure) when there is none after 180 s or `submit`,
  // a background `submit --wait`, ended first.
  json wait_for_driver_pod(const std::string& app, std::future<CommandResult>* submit = nullptr) {
    json pod;
    const bool found = eventually(
        [&] {
          if (submit && submit->wait_for(0s) == std::future_status::ready)
            return true;  // sparkctl gave up
          auto response = client_->request("GET", pod_path(app + "-driver"), "", "");
          if (response.status != 200) return false;
          pod = response.json();
          return true;
        },
        180s);
    if (!found || pod.is_null()) {
      std::string why =
          found ? "sparkctl exited early: " + submit->get().err : "no driver pod after 180s";
      ADD_FAILURE() << why
                    << "\napplication status: " << application(app).value("status", json()).dump(2)
                    << "\noperator log: " << env_or_empty("SPARKCTL_TEST_OPERATOR_DIR")
                    << "/spark-operator.log";
    }
    return pod;
  }

  json application(const std::string& app) const {
    auto response = client_->request("GET", app_path(app), "", "");
    return response.status == 200 ? response.json() : json();
  }
  std::string state_of(const std::string& app) const {
    return application(app).value("/status/applicationState/state"_json_pointer, "");
  }
  bool reaches(const std::string& app, const std::string& state) const {
    return eventually([&] { return state_of(app) == state; }, 60s);
  }

  // The kubelet's part: the driver container runs, then ends with `exit_code`.
  // `ip`: the pod's IP as the API server shows it. The containers run on
  // this machine's loopback either way (local_container.hpp).
  void set_pod_running(const std::string& pod, const std::string& ip = "127.0.0.1") {
    set_pod_status(pod, "Running", {{"running", {{"startedAt", rfc3339_now()}}}}, true, ip);
  }
  void set_pod_terminated(const std::string& pod, int exit_code) {
    json terminated = {{"exitCode", exit_code},
                       {"reason", exit_code == 0 ? "Completed" : "Error"},
                       {"startedAt", rfc3339_now()},
                       {"finishedAt", rfc3339_now()}};
    set_pod_status(pod, exit_code == 0 ? "Succeeded" : "Failed", {{"terminated", terminated}},
                   false);
  }

  // Runs the driver container and returns its exit code.
  using ContainerRun = std::function<int(const json& pod)>;
  // `extra`: more arguments for `submit`.
  std::optional<CommandResult> run_driver_to_end(const std::string& app, const ContainerRun& run,
                                                 const std::vector<std::string>& extra = {});

  // `submit --job interactive` on `port`; returns the driver pod once the
  // operator has submitted it (null after a failed assertion).
  json submit_session(const std::string& app, int port, CommandResult& submitted);
  // The kubelet's part for a session's driver: Running at `ip`, its
  // container run here until its Connect server listens on `port`.
  std::unique_ptr<sparkctl::e2e::LocalContainer> run_session_driver(const std::string& app,
                                                                    int port,
                                                                    const std::string& ip);

  std::string ns_;
  fs::path dir_;
  std::string config_;
  std::unique_ptr<sparkctl::k8s::Client> client_;
  std::vector<std::string> created_;
  // Background `submit --wait` runs: members, so that TearDown deletes
  // their applications (which ends them) before the futures are waited for.
  std::vector<std::future<CommandResult>> running_;

 private:
  void set_pod_status(const std::string& pod, const std::string& phase, const json& container_state,
                      bool ready, const std::string& ip = "") {
    json container = {{"name", kDriverContainer}, {"image", kImage},   {"imageID", ""},
                      {"ready", ready},           {"restartCount", 0}, {"state", container_state}};
    json status = {{"phase", phase}, {"containerStatuses", json::array({container})}};
    if (!ip.empty()) status["podIP"] = ip;
    client_->patch(pod_path(pod) + "/status", {{"status", status}}, "application/merge-patch+json");
  }
};

}  // namespace e2e_test
