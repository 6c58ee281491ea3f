// The fixture of the tests on the real node (ctest fixtures real_node and
// node_operator, scripts/local-cluster.sh): sparkctl runs with a config
// that names the cluster's Spark image and the spark namespace, and the
// tests read what happened from the API server: pods, container statuses,
// logs. Every application a test makes is deleted at its end.
#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "command_runner.hpp"
#include "sparkctl/k8s/client.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/port.hpp"

namespace node_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using sparkctl::testing::CommandOptions;
using sparkctl::testing::CommandResult;

inline constexpr const char* test_namespace = "spark";
inline constexpr const char* node_name = "sparkctl-node";

// `export NAME='value'` lines of an env file (the cluster's, the S3 store's).
inline std::map<std::string, std::string> read_env_file(const fs::path& path) {
  std::map<std::string, std::string> vars;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("export ", 0) != 0) continue;
    const auto eq = line.find('=');
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
      value = value.substr(1, value.size() - 2);
    vars[line.substr(7, eq - 7)] = value;
  }
  return vars;
}

// HTTP status of a GET (0 when nothing answers).
inline long http_status(const std::string& url) {
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(
      curl, CURLOPT_WRITEFUNCTION, +[](char*, size_t size, size_t n, void*) { return size * n; });
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  return status;
}

// Polls `ready` every 500 ms until it is true or `timeout` passes.
inline bool eventually(const std::function<bool()>& ready, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(500ms);
  }
  return ready();
}

inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class RealNode : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* state = std::getenv("SPARKCTL_LOCAL_CLUSTER_DIR");
    // Run only under the ctest fixtures: a missing cluster is a failure.
    ASSERT_TRUE(state && *state)
        << "SPARKCTL_LOCAL_CLUSTER_DIR not set (run through ctest -L node)";
    cluster_ = read_env_file(fs::path(state) / "env");
    ASSERT_FALSE(cluster_["KUBECONFIG"].empty()) << "the local cluster is not up (" << state << ")";
    dir_ = fs::temp_directory_path() / ("sparkctl-node-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    write_config({});
    client_ = std::make_unique<sparkctl::k8s::Client>(
        sparkctl::k8s::Client::connect({cluster_["KUBECONFIG"], "admin", test_namespace}));
  }

  void TearDown() override {
    for (const auto& app : created_) sparkctl({"delete", app, "--wait", "--timeout", "60s"});
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // The test config: the cluster's image and the spark namespace, pod
  // resources as the defaults have them (they fit a driver and two executors
  // on two cores), executor pods kept after the end so that the test can
  // read them, and `extra_conf` in spark.conf.
  // `kubernetes_yaml` adds lines to the kubernetes section.
  void write_config(const std::map<std::string, std::string>& extra_conf,
                    const std::string& image = "", const std::string& kubernetes_yaml = "") {
    std::ofstream out(dir_ / "conf.yaml");
    out << "spark:\n  version: 4.3.0\n  conf:\n"
        << "    spark.sql.shuffle.partitions: \"4\"\n"
        << "    spark.kubernetes.executor.deleteOnTermination: \"false\"\n";
    for (const auto& [key, value] : extra_conf) out << "    " << key << ": \"" << value << "\"\n";
    out << "kubernetes:\n  namespace: " << test_namespace
        << "\n  image: " << (image.empty() ? cluster_["SPARKCTL_IMAGE"] : image)
        << "\n  image_pull_policy: IfNotPresent\n  service_account: spark\n"
        << "  wait_timeout: 600\n"
        << kubernetes_yaml;
  }

  // sparkctl --config <test config> ARGS, against the local cluster.
  CommandResult sparkctl(std::vector<std::string> args, CommandOptions options = {}) const {
    args.insert(args.begin(), {"--config", (dir_ / "conf.yaml").string()});
    options.env["KUBECONFIG"] = cluster_.at("KUBECONFIG");
    return sparkctl::testing::run_sparkctl(args, options);
  }

  // What the driver's Spark UI answers to GET /jobs/ through `sparkctl ui
  // APP` (0: nothing within a minute); `log` gets the verb's output.
  long spark_ui_status(const std::string& app, std::string& log) const {
    const int port = sparkctl::runtime::pick_free_port();
    auto ui = sparkctl::runtime::ChildProcess::spawn(
        {{SPARKCTL_BINARY, "--config", (dir_ / "conf.yaml").string(), "ui", app, "--port",
          std::to_string(port)},
         {{"KUBECONFIG", cluster_.at("KUBECONFIG")}},
         (dir_ / "ui.log").string()});
    long status = 0;
    eventually(
        [&] {
          status = http_status("http://127.0.0.1:" + std::to_string(port) + "/jobs/");
          return status != 0 || !ui.running();
        },
        60s);
    ui.stop(5s);
    std::ifstream in(dir_ / "ui.log");
    log.assign(std::istreambuf_iterator<char>(in), {});
    return status;
  }

  // A unique application name, deleted at the end of the test.
  std::string name(const std::string& prefix) {
    static int n = 0;
    created_.push_back(prefix + "-" + std::to_string(::getpid() % 100000) + "-" +
                       std::to_string(++n));
    return created_.back();
  }

  std::string api(const std::string& rest) const {
    return "/api/v1/namespaces/" + std::string(test_namespace) + "/" + rest;
  }
  std::string app_path(const std::string& app) const {
    return "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" + std::string(test_namespace) +
           "/sparkapplications/" + app;
  }
  json application(const std::string& app) const {
    auto response = client_->request("GET", app_path(app), "", "");
    return response.status == 200 ? response.json() : json();
  }
  std::string state_of(const std::string& app) const {
    return application(app).value("/status/applicationState/state"_json_pointer, "");
  }

  // The application's pods of one Spark role ("driver", "executor").
  json pods(const std::string& app, const std::string& role) const {
    return client_
        ->get(api("pods?labelSelector=sparkoperator.k8s.io%2Fapp-name%3D" + app + ",spark-role%3D" +
                  role))
        .value("items", json::array());
  }
  int status_of(const std::string& path) const {
    return client_->request("GET", path, "", "").status;
  }

  // The container's last state, as the kubelet reported it.
  static json terminated(const json& pod) {
    return pod.value("/status/containerStatuses/0/state/terminated"_json_pointer, json());
  }

  std::map<std::string, std::string> cluster_;
  fs::path dir_;
  std::unique_ptr<sparkctl::k8s::Client> client_;
  std::vector<std::string> created_;
};

}  // namespace node_test
