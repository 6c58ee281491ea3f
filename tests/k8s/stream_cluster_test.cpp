// Watches, logs, port-forward and log hygiene against the real API server.
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <future>
#include <sstream>
#include <thread>

#include "cluster_fixture.hpp"
#include "sparkctl/core/error.hpp"
#include "websocket_conn.hpp"

using namespace sparkctl::k8s;
using namespace k8s_test;
using Clock = std::chrono::steady_clock;

namespace {

// A pod no kubelet will ever run: the test cluster has no nodes.
std::string create_pending_pod(Client& c) {
  std::string name = unique_name("pending");
  c.create("/api/v1/namespaces/spark/pods",
           {{"apiVersion", "v1"},
            {"kind", "Pod"},
            {"metadata", {{"name", name}}},
            {"spec", {{"containers", {{{"name", "main"}, {"image", "busybox"}}}}}}});
  return name;
}

}  // namespace

TEST(WatchCluster, TimesOutAtTheDeadline) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  auto start = Clock::now();
  int events = 0;
  bool stopped = c.watch(
      apps_path, "metadata.name=" + unique_name("never"),
      [&](const std::string&, const nlohmann::json&) { return ++events, true; },
      start + std::chrono::seconds(2));
  EXPECT_FALSE(stopped);
  EXPECT_EQ(events, 0);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(WatchCluster, ListsThenStreamsChanges) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  const std::string name = unique_name("watch");
  c.create(apps_path, spark_application(name));
  std::vector<std::string> seen;
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    connect("admin").patch(apps_path + "/" + name, {{"metadata", {{"labels", {{"step", "2"}}}}}},
                           "application/merge-patch+json");
  });
  bool stopped = c.watch(
      apps_path, "metadata.name=" + name,
      [&](const std::string& type, const nlohmann::json& obj) {
        seen.push_back(type);
        EXPECT_EQ(obj["kind"], "SparkApplication");
        return !(type == "MODIFIED" && obj["metadata"].contains("labels"));
      },
      Clock::now() + std::chrono::seconds(30));
  writer.join();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED", "MODIFIED"}));
  c.remove(apps_path + "/" + name);
}

// Restarts kube-apiserver: run alone (ctest RUN_SERIAL, see CMakeLists.txt).
TEST(WatchRestartCluster, SurvivesApiServerRestart) {
  REQUIRE_CLUSTER();
  const std::string script = env_or_empty("SPARKCTL_TEST_CLUSTER_SCRIPT");
  ASSERT_FALSE(script.empty());
  Client c = connect("admin");
  const std::string name = unique_name("restart");
  c.create(apps_path, spark_application(name));
  std::promise<void> listed;
  std::vector<std::string> seen;
  auto watching = std::async(std::launch::async, [&] {
    return c.watch(
        apps_path, "metadata.name=" + name,
        [&](const std::string& type, const nlohmann::json& obj) {
          seen.push_back(type);
          if (seen.size() == 1) listed.set_value();
          auto labels = obj["metadata"].value("labels", nlohmann::json::object());
          return labels.value("after", "") != "restart";
        },
        Clock::now() + std::chrono::seconds(120));
  });
  ASSERT_EQ(listed.get_future().wait_for(std::chrono::seconds(20)), std::future_status::ready);
  ASSERT_EQ(std::system(("bash '" + script + "' restart-apiserver >/dev/null 2>&1").c_str()), 0);
  connect("admin").patch(apps_path + "/" + name,
                         {{"metadata", {{"labels", {{"after", "restart"}}}}}},
                         "application/merge-patch+json");
  ASSERT_EQ(watching.wait_for(std::chrono::seconds(90)), std::future_status::ready);
  EXPECT_TRUE(watching.get()) << "the watch did not see the change made after the restart";
  EXPECT_EQ(seen.front(), "ADDED");
  EXPECT_EQ(seen.back(), "MODIFIED");
  c.remove(apps_path + "/" + name);
}

TEST(StreamCluster, LogOfPendingAndMissingPods) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  std::string pod = create_pending_pod(c);
  // The API server answers 204 for a pod that has not started: no log, no error.
  c.stream_log("spark", pod, "main", false, [](std::string_view) { FAIL() << "no log expected"; });
  try {
    c.stream_log("spark", unique_name("missing"), "", true, [](std::string_view) {});
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 404) << e.what();
  }
  c.remove("/api/v1/namespaces/spark/pods/" + pod);
}

TEST(PortForwardCluster, NonRunningPodIsAClearError) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  std::string pod = create_pending_pod(c);
  std::atomic<bool> stop{false};
  bool ready = false;
  try {
    c.port_forward(
        "spark", pod, 15002, 0, [&](int) { ready = true; }, stop);
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(e.kind(), sparkctl::ErrorKind::cluster);
    EXPECT_NE(std::string(e.what()).find("is not running (phase Pending)"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(ready);
  c.remove("/api/v1/namespaces/spark/pods/" + pod);
}

TEST(PortForwardCluster, WebSocketUpgradeErrorsCarryTheServersStatus) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  std::string pod = create_pending_pod(c);
  for (const char* context : {"admin", "admin-cert"}) {  // bearer header and TLS client cert
    Kubeconfig kc = loaded();
    LoadingRules rules;
    rules.explicit_path = kubeconfig();
    Connection conn(load_rest_config(rules, context));
    try {
      WebSocketConnection::open(conn,
                                "/api/v1/namespaces/spark/pods/" + pod + "/portforward?ports=80",
                                {"v4.channel.k8s.io"});
      FAIL();
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 400) << context << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find("does not have a host assigned"), std::string::npos)
          << e.what();
    }
  }
  c.remove("/api/v1/namespaces/spark/pods/" + pod);
}

TEST(LogHygieneCluster, NoSecretAppearsInTraceLogs) {
  REQUIRE_CLUSTER();
  Kubeconfig kc = loaded();
  const std::string admin_token = kc.users.at("admin").token;
  const std::string viewer_token = kc.users.at("viewer").token;
  const std::string key_pem = kc.users.at("admin-cert").client_key_data;
  ASSERT_GT(key_pem.size(), 200u);
  const std::string key_line = key_pem.substr(key_pem.find('\n') + 1, 64);

  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  std::vector<std::string> errors;
  try {
    connect("admin").get(apps_path);
    connect("admin-cert").get(apps_path);
    try {
      connect("viewer").create(apps_path, spark_application(unique_name("hygiene")));
    } catch (const sparkctl::Error& e) {
      errors.push_back(e.what());
    }
    Client admin = connect("admin");
    admin.watch(
        apps_path, "metadata.name=none", [](auto&, auto&) { return true; },
        Clock::now() + std::chrono::seconds(1));
    std::string pod = create_pending_pod(admin);
    try {
      LoadingRules rules;
      rules.explicit_path = kubeconfig();
      Connection conn(load_rest_config(rules, "admin"));
      WebSocketConnection::open(conn,
                                "/api/v1/namespaces/spark/pods/" + pod + "/portforward?ports=80",
                                {"v4.channel.k8s.io"});
    } catch (const sparkctl::Error& e) {
      errors.push_back(e.what());
    }
    admin.remove("/api/v1/namespaces/spark/pods/" + pod);
    // A rejected token: 401.
    TempDir dir;
    std::string cfg = dir.write(
        "kubeconfig",
        "clusters:\n- name: t\n  cluster: {server: \"" + kc.clusters.at("test").server +
            "\", insecure-skip-tls-verify: true}\n"
            "users:\n- name: u\n  user: {token: wrong-" +
            admin_token +
            "}\ncontexts:\n- name: c\n  context: {cluster: t, user: u}\ncurrent-context: c\n");
    try {
      Client::connect({cfg, "", ""}).get(apps_path);
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 401);
      errors.push_back(e.what());
    }
  } catch (...) {
    spdlog::set_default_logger(previous);
    throw;
  }
  spdlog::set_default_logger(previous);
  std::string log = captured.str();
  for (const auto& e : errors) log += e + "\n";
  EXPECT_NE(log.find("GET "), std::string::npos) << "nothing was logged";
  EXPECT_NE(log.find("Bearer <masked>"), std::string::npos)
      << "no masked Authorization header logged";
  for (const std::string* secret : {&admin_token, &viewer_token, &key_line}) {
    auto at = log.find(*secret);
    if (at == std::string::npos) continue;
    // Show the line that leaked, without the secret itself.
    auto begin = log.rfind('\n', at);
    begin = begin == std::string::npos ? 0 : begin + 1;
    std::string line = log.substr(begin, log.find('\n', at) - begin);
    line.replace(line.find(*secret), secret->size(), "<SECRET>");
    ADD_FAILURE() << "a secret leaked into the log: " << line;
  }
}
