// `sparkctl shell --app NAME` against the real API server of the ctest
// fixture k8s_cluster. No controllers or kubelets run there: the tests play
// the spark-operator (status of the SparkApplication) and the kubelet
// (status of the driver pod), so everything up to the port-forward is real
// and the port-forward itself fails the way it would on a node-less cluster.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "command_runner.hpp"
#include "shell_test_support.hpp"
#include "sparkctl/k8s/client.hpp"

namespace shell_test {
namespace {

using sparkctl::testing::CommandResult;
using sparkctl::testing::run_sparkctl;

constexpr const char* app_config = R"(
spark:
  version: 4.3.0
kubernetes:
  namespace: spark
  image: example.invalid/sparkctl:test
)";

std::string kubeconfig() {
  const char* path = std::getenv("SPARKCTL_TEST_KUBECONFIG");
  return path ? path : "";
}

std::string unique(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

std::string app_path(const std::string& name) {
  return "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/sparkapplications/" + name;
}

std::string pod_path(const std::string& name) { return "/api/v1/namespaces/spark/pods/" + name; }

int count_lines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

class ShellApp : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kubeconfig().empty())
      GTEST_SKIP() << "SPARKCTL_TEST_KUBECONFIG not set (run through ctest)";
    config_ = (scratch_ / "conf.yaml").string();
    std::ofstream(config_) << app_config;
    client_.emplace(sparkctl::k8s::Client::connect({kubeconfig(), "admin", "spark"}));
  }
  void TearDown() override {
    if (!client_) return;
    for (const auto& path : created_) client_->request("DELETE", path, "", "");
  }

  CommandResult sparkctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_});
    args.insert(args.end(), {"--kubeconfig", kubeconfig(), "--context", "admin"});
    return run_sparkctl(args);
  }
  CommandResult shell_on(const std::string& app) {
    return sparkctl({"shell", "--app", app, "-e", "SELECT 1"});
  }

  // A SparkApplication made by `sparkctl submit`, in the state `state`.
  std::string application(const std::string& state, const std::string& driver_pod = "") {
    const std::string name = unique("shell-app");
    CommandResult submitted = sparkctl({"submit", "--job", "interactive", "--name", name});
    EXPECT_EQ(submitted.exit_code, 0) << submitted.err;
    created_.push_back(app_path(name));
    nlohmann::json driver = nlohmann::json::object();
    if (!driver_pod.empty()) driver["podName"] = driver_pod;
    client_->patch(app_path(name) + "/status",
                   {{"status", {{"applicationState", {{"state", state}}}, {"driverInfo", driver}}}},
                   "application/merge-patch+json");
    return name;
  }

  // A driver pod object the way a kubelet would report it running, but
  // with no node behind it.
  std::string running_pod(const std::string& ip) {
    const std::string name = unique("shell-driver");
    client_->create(
        "/api/v1/namespaces/spark/pods",
        {{"apiVersion", "v1"},
         {"kind", "Pod"},
         {"metadata", {{"name", name}}},
         {"spec",
          {{"containers", {{{"name", "spark-kubernetes-driver"}, {"image", "busybox"}}}}}}});
    created_.push_back(pod_path(name));
    client_->patch(pod_path(name) + "/status",
                   {{"status", {{"phase", "Running"}, {"podIP", ip}, {"podIPs", {{{"ip", ip}}}}}}},
                   "application/merge-patch+json");
    return name;
  }

  TempDir scratch_;
  std::string config_;
  std::optional<sparkctl::k8s::Client> client_;
  std::vector<std::string> created_;
};

TEST_F(ShellApp, MissingApplicationIsAClearError) {
  const std::string name = unique("shell-missing");
  CommandResult r = shell_on(name);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.err, "sparkctl: error: SparkApplication \"" + name +
                       "\" not found in namespace \"spark\"\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(ShellApp, ApplicationNotRunningIsAClearError) {
  const std::string submitted = application("SUBMITTED");
  CommandResult r = shell_on(submitted);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("SparkApplication \"" + submitted +
                       "\" in namespace \"spark\" is SUBMITTED, not RUNNING: "
                       "its driver is not up yet"),
            std::string::npos)
      << r.err;

  const std::string completed = application("COMPLETED", "gone-driver");
  r = shell_on(completed);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("is COMPLETED, not RUNNING: its driver and Spark Connect server are gone"),
            std::string::npos)
      << r.err;
}

TEST_F(ShellApp, RunningApplicationWhoseDriverPodIsMissing) {
  const std::string pod = unique("shell-no-pod");
  CommandResult r = shell_on(application("RUNNING", pod));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("pod \"" + pod + "\" not found in namespace \"spark\""), std::string::npos)
      << r.err;
}

TEST_F(ShellApp, SimulatedKubeletRunningDriverPortForwardFailsWithTheApiServersMessage) {
  // 192.0.2.1 (TEST-NET-1) is never reachable: the direct try gives up and
  // the shell port-forwards, which the API server refuses for a pod no node runs.
  const std::string pod = running_pod("192.0.2.1");
  const std::string app = application("RUNNING", pod);
  CommandResult r = shell_on(app);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("cannot port-forward to the Spark Connect server of driver pod spark/" +
                       pod + " (port 15002) through the API server"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("does not have a host assigned"), std::string::npos)
      << r.err;  // the API server's words
  EXPECT_NE(r.err.find("port-forward pod/" + pod + " 15002"), std::string::npos)
      << r.err;  // the fallback
  EXPECT_NE(r.err.find("sc://127.0.0.1:15002/;token=<key token of Secret " + app + "-connect>"),
            std::string::npos)
      << r.err;
  std::printf("what the user sees: %s", r.err.c_str());
}

// A pod IP this machine can reach is used directly, on the application's
// spark.connect.grpc.binding.port: here a listener that is no Spark server,
// so the shell gets through to it and then fails to speak Spark Connect.
TEST_F(ShellApp, SimulatedKubeletReachablePodIpIsUsedDirectly) {
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::listen(listener, 16), 0);
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string port = std::to_string(ntohs(address.sin_port));
  std::thread refuse([listener] {  // accepts and hangs up until the socket is shut down
    for (int fd; (fd = ::accept(listener, nullptr, nullptr)) >= 0;) ::close(fd);
  });

  const std::string pod = running_pod("127.0.0.1");
  const std::string app = application("RUNNING", pod);
  client_->patch(app_path(app),
                 {{"spec", {{"sparkConf", {{"spark.connect.grpc.binding.port", port}}}}}},
                 "application/merge-patch+json");
  CommandResult r = shell_on(app);
  ::shutdown(listener, SHUT_RDWR);
  refuse.join();
  ::close(listener);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cannot reach the Spark Connect server at 127.0.0.1:" + port),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(driver pod spark/" + pod + " of " + app + " (127.0.0.1:" + port + "))"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("port-forward"), std::string::npos) << r.err;
}

// The session's token lives in a Secret that `submit` made; without it the
// shell cannot authenticate and says which Secret is missing.
TEST_F(ShellApp, MissingTokenSecretIsAClearError) {
  const std::string pod = running_pod("127.0.0.1");
  const std::string app = application("RUNNING", pod);
  const auto removed =
      client_->request("DELETE", "/api/v1/namespaces/spark/secrets/" + app + "-connect", "", "");
  ASSERT_EQ(removed.status, 200) << removed.body;
  CommandResult r = shell_on(app);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("\"" + app + "-connect\" not found in namespace \"spark\""),
            std::string::npos)
      << r.err;
}

TEST_F(ShellApp, SimulatedKubeletDriverPodNotRunningYet) {
  const std::string pod = unique("shell-pending");
  client_->create("/api/v1/namespaces/spark/pods",
                  {{"apiVersion", "v1"},
                   {"kind", "Pod"},
                   {"metadata", {{"name", pod}}},
                   {"spec", {{"containers", {{{"name", "main"}, {"image", "busybox"}}}}}}});
  created_.push_back(pod_path(pod));
  CommandResult r = shell_on(application("RUNNING", pod));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("it is not running (phase Pending)"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace shell_test
