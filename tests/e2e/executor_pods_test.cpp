// Executor pods run through `sparkctl entrypoint executor`, against a real
// Spark driver. The driver is `sparkctl entrypoint driver ... --job pi` on
// this machine with a k8s:// master (the test API server), in client mode
// as in a driver pod: it creates two executor pods through the API server,
// exactly as on a cluster. There is no kubelet, so the test plays it: it
// marks each executor pod Running and runs its container here
// (local_container.hpp) with the pod's own arguments and environment
// (SPARK_DRIVER_URL, SPARK_JAVA_OPT_n, the executor ConfigMap volume,
// status.podIP ...). pi's tasks then run on those two executors.
// Needs only the k8s_cluster fixture, not the operator.
#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

#include "simulated_kubelet.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/driver_classes.hpp"

namespace e2e_test {
namespace {

constexpr const char* kExecutorContainer = "spark-kubernetes-executor";
constexpr const char* kNamespace = "default";

class SimulatedKubeletExecutors : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kubeconfig().empty())
      GTEST_SKIP() << "needs the k8s_cluster fixture (run through ctest -L e2e)";
    dir_ = fs::temp_directory_path() / ("sparkctl-executors-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    client_ = std::make_unique<sparkctl::k8s::Client>(
        sparkctl::k8s::Client::connect({kubeconfig(), "admin", kNamespace}));
  }

  void TearDown() override {
    containers_.clear();  // stops what still runs
    if (driver_.valid()) driver_.stop(std::chrono::seconds(5));
    if (client_ && !app_.empty()) {
      client_->request("DELETE",
                       "/api/v1/namespaces/" + std::string(kNamespace) +
                           "/pods?labelSelector=spark-app-name%3D" + app_,
                       "", "");
      client_->request("DELETE",
                       "/api/v1/namespaces/" + std::string(kNamespace) +
                           "/configmaps?labelSelector=spark-app-name%3D" + app_,
                       "", "");
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  json executor_pods() const {
    return client_
        ->get("/api/v1/namespaces/" + std::string(kNamespace) +
              "/pods?labelSelector=spark-role%3Dexecutor,spark-app-name%3D" + app_)
        .value("items", json::array());
  }

  // The kubelet's part for a pod it was given: Running on this machine.
  void set_running(const json& pod) {
    const std::string name = pod["metadata"].value("name", "");
    json container = {{"name", kExecutorContainer},
                      {"image", pod["spec"]["containers"][0].value("image", "")},
                      {"imageID", ""},
                      {"ready", true},
                      {"restartCount", 0},
                      {"state", {{"running", {{"startedAt", rfc3339_now()}}}}}};
    json status = {{"phase", "Running"},
                   {"podIP", "127.0.0.1"},
                   {"containerStatuses", json::array({container})}};
    client_->patch("/api/v1/namespaces/" + std::string(kNamespace) + "/pods/" + name + "/status",
                   {{"status", status}}, "application/merge-patch+json");
  }

  fs::path dir_;
  std::string app_;
  std::unique_ptr<sparkctl::k8s::Client> client_;
  sparkctl::runtime::ChildProcess driver_;
  fs::path driver_log_;
  std::vector<std::unique_ptr<sparkctl::e2e::LocalContainer>> containers_;
};

TEST_F(SimulatedKubeletExecutors, PiRunsOnTwoExecutorPodsStartedByTheEntrypoint) {
  app_ = "pi-executors-" + std::to_string(::getpid());
  const std::string master = "k8s://" + k8s_test::cluster_env("SPARKCTL_TEST_APISERVER_URL");
  const auto image = sparkctl_image(dir_);
  std::map<std::string, std::string> env = image.image_env;
  env["KUBECONFIG"] = kubeconfig();  // the driver's Kubernetes client: the admin context
  env["SPARK_DRIVER_BIND_ADDRESS"] = "127.0.0.1";
  env["SPARKCTL_STATE_DIR"] = (dir_ / "state").string();
  sparkctl::runtime::SpawnOptions spawn;
  driver_log_ = dir_ / "driver.out";
  spawn.log_path = driver_log_.string();
  spawn.env = env;
  spawn.argv = {SPARKCTL_BINARY,
                "entrypoint",
                "--server-log",
                (dir_ / "server.log").string(),
                "driver",
                "--master",
                master,
                "--name",
                app_,
                "--conf",
                "spark.kubernetes.namespace=" + std::string(kNamespace),
                "--conf",
                std::string("spark.kubernetes.container.image=") + kImage,
                "--conf",
                "spark.kubernetes.container.image.pullPolicy=Never",
                "--conf",
                "spark.executor.instances=2",
                "--conf",
                "spark.executor.cores=1",
                "--conf",
                "spark.executor.memory=512m",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf",
                "spark.ui.enabled=false",
                "--class",
                sparkctl::runtime::kDriverMainClass,
                "spark-internal",
                "--job",
                "pi",
                "--job-args",
                "partitions=6"};
  driver_ = sparkctl::runtime::ChildProcess::spawn(spawn);
  auto driver_output = [&] {
    std::ifstream in(driver_log_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };

  // The driver asks the API server for two executor pods.
  json pods;
  ASSERT_TRUE(eventually(
      [&] {
        pods = executor_pods();
        return pods.size() == 2 || !driver_.running();
      },
      180s))
      << driver_output();
  ASSERT_EQ(pods.size(), 2u) << driver_output();

  for (const auto& pod : pods) {
    const std::string name = pod["metadata"].value("name", "");
    const json& container = pod["spec"]["containers"][0];
    EXPECT_EQ(container.value("name", ""), kExecutorContainer);
    EXPECT_EQ(container.value("args", json::array()), json::array({"executor"}));
    set_running(pod);
    auto options = sparkctl_image(dir_ / name);
    options.property_overrides.clear();  // the executors are what this test is about
    containers_.push_back(std::make_unique<sparkctl::e2e::LocalContainer>(
        *client_, pod, kExecutorContainer, options));
    // What the entrypoint gets: the pod's variables, resolved.
    const auto& executor_env = containers_.back()->env();
    EXPECT_EQ(executor_env.at("SPARK_EXECUTOR_POD_IP"), "127.0.0.1");
    EXPECT_EQ(executor_env.at("SPARK_EXECUTOR_POD_NAME"), name);
    EXPECT_NE(executor_env.at("SPARK_DRIVER_URL").find("@127.0.0.1:"), std::string::npos);
    containers_.back()->start();
  }

  ASSERT_TRUE(eventually([&] { return !driver_.running(); }, 300s)) << driver_output();
  const int status = driver_.wait_status().value_or(-1);
  const std::string output = driver_output();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_NE(output.find("Pi is roughly 3.1"), std::string::npos) << output;

  // Each executor ran tasks of the job and ended with the driver.
  for (std::size_t i = 0; i < containers_.size(); ++i) {
    auto& executor = *containers_[i];
    const auto exit_code = executor.wait(60s);
    const std::string log = executor.err();
    EXPECT_TRUE(exit_code) << "executor " << i << " still runs after the driver ended\n" << log;
    EXPECT_NE(log.find("KubernetesExecutorBackend"), std::string::npos) << log;
    EXPECT_NE(log.find("Successfully registered with driver"), std::string::npos) << log;
    std::size_t tasks = 0;
    for (auto at = log.find("Finished task"); at != std::string::npos;
         at = log.find("Finished task", at + 1))
      ++tasks;
    EXPECT_GT(tasks, 0u) << "executor " << i << " ran no task\n" << log;
    std::printf("executor %zu: %zu tasks, exit code %d\n", i + 1, tasks, exit_code.value_or(-1));
  }
}

}  // namespace
}  // namespace e2e_test
