// End to end with the real spark-operator in the loop (ctest fixture
// spark_operator, scripts/spark-operator.sh): `sparkctl submit --wait`
// creates a SparkApplication, the operator runs spark-submit against the
// test API server, which creates the driver pod. There is no kubelet, so
// the test plays it: it checks the pod spec the operator and Spark made
// from sparkctl's configuration, then patches the pod's status to Running
// and Succeeded (or Failed) and expects the operator to move the application
// on, and sparkctl to notice and exit accordingly. For a successful driver
// it also runs the driver container on this machine (local_container.hpp):
// the operator's exact command line through `sparkctl entrypoint`, with a
// local master since no executor pod can run here, so pi really computes.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
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

#include "../k8s/cluster_fixture.hpp"  // k8s_test::cluster_env()
#include "command_runner.hpp"
#include "local_container.hpp"
#include "sparkctl/k8s/client.hpp"
#include "sparkctl/k8s/secret_data.hpp"
#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_sparkctl;

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string kubeconfig() { return env_or_empty("SPARKCTL_TEST_KUBECONFIG"); }
// The one namespace the test operator watches (spark_operator fixture).
std::string test_namespace() {
  std::string ns = env_or_empty("SPARKCTL_TEST_OPERATOR_NAMESPACES");
  return ns.substr(0, ns.find(','));
}

constexpr const char* kImage = "example.invalid/sparkctl:e2e";
constexpr const char* kServiceAccount = "spark-e2e";
constexpr const char* kDriverContainer = "spark-kubernetes-driver";

// The test configuration (kImage and kServiceAccount appear in it): what
// the driver pod must show.
std::string config_text(const std::string& ns) {
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
)";
  const std::string placeholder = "@NAMESPACE@";
  return text.replace(text.find(placeholder), placeholder.size(), ns);
}

std::string rfc3339_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Polls `ready` every 250 ms until it is true or `timeout` passes.
bool eventually(const std::function<bool()>& ready, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(250ms);
  }
  return ready();
}

const json* find_named(const json& list, const std::string& name) {
  for (const auto& item : list) {
    if (item.value("name", "") == name) return &item;
  }
  return nullptr;
}

// True when `object` names SparkApplication `app` among its owners (so the
// garbage collector deletes it with the application).
bool owned_by(const json& object, const std::string& app) {
  for (const auto& owner : object["metadata"].value("ownerReferences", json::array())) {
    if (owner.value("kind", "") == "SparkApplication" && owner.value("name", "") == app)
      return true;
  }
  return false;
}

// The sparkctl image as this machine has it: its ENTRYPOINT and ENV
// (docker/Dockerfile) with the set-up's Spark, Java and sparkctl.
sparkctl::e2e::LocalContainerOptions sparkctl_image(const fs::path& root) {
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
    client_->request("POST", "/api/v1/namespaces/" + ns_ + "/secrets", secret.dump(), "application/json");
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

  // `sparkctl submit --job pi --wait` in the background.
  std::future<CommandResult> submit_and_wait(const std::string& app) {
    return std::async(std::launch::async, [this, app] {
      return sparkctl({"submit", "--job", "pi", "--name", app, "--wait", "--timeout", "300s"});
    });
  }

  // The driver pod, once spark-submit (run by the operator) has created it.
  json wait_for_driver_pod(const std::string& app, std::future<CommandResult>& submit) {
    json pod;
    const bool found = eventually(
        [&] {
          if (submit.wait_for(0s) == std::future_status::ready) return true;  // sparkctl gave up
          auto response = client_->request("GET", pod_path(app + "-driver"), "", "");
          if (response.status != 200) return false;
          pod = response.json();
          return true;
        },
        180s);
    if (!found || pod.is_null()) {
      std::string why =
          found ? "sparkctl exited early: " + submit.get().err : "no driver pod after 180s";
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
  std::optional<CommandResult> run_driver_to_end(const std::string& app, const ContainerRun& run);

  // `submit --job interactive` on `port`; returns the driver pod once the
  // operator has submitted it (null after a failed assertion).
  json submit_session(const std::string& app, int port, CommandResult& submitted);
  // The kubelet's part for a session's driver: Running at `ip`, its
  // container run here until its Connect server listens on `port`.
  std::unique_ptr<sparkctl::e2e::LocalContainer> run_session_driver(const std::string& app, int port,
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

// The pod spec the operator and spark-submit made from sparkctl's config.
void expect_driver_pod_from_config(const json& pod, const std::string& app) {
  const json& spec = pod["spec"];
  EXPECT_EQ(spec.value("serviceAccountName", ""), kServiceAccount);
  EXPECT_EQ(pod["metadata"]["labels"].value("sparkoperator.k8s.io/app-name", ""), app);
  EXPECT_EQ(pod["metadata"]["labels"].value("sparkctl.dev/job", ""), "pi");
  EXPECT_TRUE(owned_by(pod, app)) << pod["metadata"].dump(2);

  const json* container = find_named(spec["containers"], kDriverContainer);
  ASSERT_NE(container, nullptr) << spec.dump(2);
  EXPECT_EQ(container->value("image", ""), kImage);
  EXPECT_EQ(container->value("imagePullPolicy", ""), "Never");
  // The image's entrypoint is `sparkctl entrypoint`: Spark's container args
  // start with "driver", then its properties file, class and jar, then ours.
  const auto args = container->value("args", std::vector<std::string>{});
  ASSERT_FALSE(args.empty());
  EXPECT_EQ(args.front(), "driver");
  auto job = std::find(args.begin(), args.end(), "--job");
  ASSERT_NE(job, args.end()) << container->dump(2);
  ASSERT_NE(job + 1, args.end());
  EXPECT_EQ(*(job + 1), "pi");
  EXPECT_NE(std::find(args.begin(), args.end(), "partitions=3"), args.end()) << container->dump(2);

  // kubernetes.volumes and kubernetes.secrets of the config, mounted.
  const json volumes = spec.value("volumes", json::array());
  const json mounts = container->value("volumeMounts", json::array());
  const json* scratch = find_named(volumes, "scratch");
  ASSERT_NE(scratch, nullptr) << volumes.dump(2);
  EXPECT_TRUE(scratch->contains("emptyDir"));
  const json* scratch_mount = find_named(mounts, "scratch");
  ASSERT_NE(scratch_mount, nullptr) << mounts.dump(2);
  EXPECT_EQ(scratch_mount->value("mountPath", ""), "/scratch");
  const json* secret = find_named(volumes, "secret-spark-key-file");
  ASSERT_NE(secret, nullptr) << volumes.dump(2);
  EXPECT_EQ(secret->value("/secret/secretName"_json_pointer, ""), "spark-key-file");
  const json* secret_mount = find_named(mounts, "secret-spark-key-file");
  ASSERT_NE(secret_mount, nullptr) << mounts.dump(2);
  EXPECT_EQ(secret_mount->value("mountPath", ""), "/mnt/secrets");
}

// Submits through sparkctl and plays the kubelet up to the driver's end
// with the exit code `run` gives; returns what `submit --wait` returned,
// nothing when there was no driver pod or sparkctl did not finish.
std::optional<CommandResult> SimulatedKubelet::run_driver_to_end(const std::string& app,
                                                                 const ContainerRun& run) {
  running_.push_back(submit_and_wait(app));
  auto& submit = running_.back();
  const json pod = wait_for_driver_pod(app, submit);
  if (pod.is_null()) return std::nullopt;
  expect_driver_pod_from_config(pod, app);

  // spark-submit has returned: the operator records the submission.
  EXPECT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  set_pod_running(app + "-driver");
  EXPECT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);
  const int exit_code = run(client_->get(pod_path(app + "-driver")));
  set_pod_terminated(app + "-driver", exit_code);
  EXPECT_TRUE(reaches(app, exit_code == 0 ? "COMPLETED" : "FAILED")) << application(app).dump(2);

  if (submit.wait_for(60s) != std::future_status::ready) {
    ADD_FAILURE() << "sparkctl submit --wait still waits after the application ended";
    return std::nullopt;
  }
  return submit.get();
}

// The driver container runs here for real: `sparkctl entrypoint` with the
// operator's arguments and properties starts a Spark Connect server as the
// driver and runs pi with partitions=3 against it.
TEST_F(SimulatedKubelet, DriverPodCommandLineComputesPiAndSubmitWaitExitsZero) {
  const std::string app = name("pi-ok");
  std::string driver_out, driver_err;
  auto submit = run_driver_to_end(app, [&](const json& pod) {
    sparkctl::e2e::LocalContainer container(*client_, pod, kDriverContainer, sparkctl_image(dir_ / "driver"));
    container.start();
    const auto exit_code = container.wait(std::chrono::seconds(300));
    driver_out = container.out();
    driver_err = container.err();
    EXPECT_TRUE(exit_code) << "the driver still runs after 300 s";
    return exit_code.value_or(137);
  });
  ASSERT_TRUE(submit);
  EXPECT_NE(driver_out.find("Pi is roughly 3.1"), std::string::npos) << driver_out << driver_err;
  EXPECT_NE(driver_out.find("3 partitions"), std::string::npos) << driver_out;
  // The operator's properties reached the server: the application's name.
  EXPECT_NE(driver_err.find("Submitted application: " + app), std::string::npos) << driver_err;
  EXPECT_EQ(submit->exit_code, 0) << submit->err;
  EXPECT_NE(submit->out.find(app + " created"), std::string::npos) << submit->out;

  CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("COMPLETED"), std::string::npos) << status.out;

  // The operator's events (v2.5.2 records none for SUCCEEDING -> COMPLETED).
  CommandResult events = sparkctl({"events", app});
  EXPECT_EQ(events.exit_code, 0) << events.err;
  for (const char* reason :
       {"SparkApplicationSubmitted", "SparkDriverRunning", "SparkDriverCompleted"}) {
    EXPECT_NE(events.out.find(reason), std::string::npos) << reason << " missing in\n"
                                                          << events.out;
  }
}

TEST_F(SimulatedKubelet, SubmitWaitExitsOneWhenTheDriverFails) {
  const std::string app = name("pi-fail");
  // The container is not run: the kubelet reports a crash with exit code 1.
  auto submit = run_driver_to_end(app, [](const json&) { return 1; });
  ASSERT_TRUE(submit);
  EXPECT_EQ(submit->exit_code, 1) << submit->err;

  CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("FAILED"), std::string::npos) << status.out;
  // The operator's reason, from the container status the "kubelet" wrote.
  EXPECT_NE(status.out.find("ExitCode: 1"), std::string::npos) << status.out;

  CommandResult events = sparkctl({"events", app});
  EXPECT_EQ(events.exit_code, 0) << events.err;
  EXPECT_NE(events.out.find("SparkDriverFailed"), std::string::npos) << events.out;
}

TEST_F(SimulatedKubelet, LogsAndDeleteOfAnOperatorRunApplication) {
  const std::string app = name("pi-delete");
  running_.push_back(submit_and_wait(app));
  const json pod = wait_for_driver_pod(app, running_.back());
  ASSERT_FALSE(pod.is_null());
  ASSERT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  set_pod_running(app + "-driver");
  ASSERT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);

  // The pod has no node, so the API server answers with an empty log (it
  // would ask that node's kubelet): sparkctl finds the operator's driver pod
  // through the application's status and prints that log.
  CommandResult logs = sparkctl({"logs", app});
  EXPECT_EQ(logs.exit_code, 0) << logs.err;
  EXPECT_EQ(logs.out, "");

  // Deleting a running application ends `submit --wait` with exit 1.
  CommandResult removed = sparkctl({"delete", app, "--wait", "--timeout", "60s"});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(client_->request("GET", app_path(app), "", "").status, 404);
  ASSERT_EQ(running_.back().wait_for(60s), std::future_status::ready);
  CommandResult submit = running_.back().get();
  EXPECT_EQ(submit.exit_code, 1) << submit.err;
  EXPECT_NE(submit.err.find("deleted"), std::string::npos) << submit.err;

  // spark-operator v2.5.2 puts no finalizer on an application, so it deletes
  // nothing itself: the driver pod (and the UI service) go with the
  // application through their owner references, by the garbage collector,
  // which this test cluster does not run. Assert just that link.
  for (const std::string& path :
       {pod_path(app + "-driver"), "/api/v1/namespaces/" + ns_ + "/services/" + app + "-ui-svc"}) {
    auto left = client_->request("GET", path, "", "");
    ASSERT_EQ(left.status, 200) << path;
    EXPECT_TRUE(owned_by(left.json(), app)) << path;
  }
}

json SimulatedKubelet::submit_session(const std::string& app, int port, CommandResult& submitted) {
  submitted = sparkctl({"submit", "--job", "interactive", "--name", app, "--set",
                        "kubernetes.connect_port=" + std::to_string(port), "--job-args", "idle_timeout=600"});
  EXPECT_EQ(submitted.exit_code, 0) << submitted.err;
  if (submitted.exit_code != 0) return json();
  json pod;
  const bool found = eventually(
      [&] {
        auto response = client_->request("GET", pod_path(app + "-driver"), "", "");
        if (response.status == 200) pod = response.json();
        return response.status == 200;
      },
      180s);
  EXPECT_TRUE(found) << "no driver pod; application: " << application(app).dump(2);
  EXPECT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  return found ? pod : json();
}

std::unique_ptr<sparkctl::e2e::LocalContainer> SimulatedKubelet::run_session_driver(const std::string& app, int port,
                                                                                    const std::string& ip) {
  set_pod_running(app + "-driver", ip);
  EXPECT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);
  auto driver = std::make_unique<sparkctl::e2e::LocalContainer>(
      *client_, client_->get(pod_path(app + "-driver")), kDriverContainer, sparkctl_image(dir_ / app));
  driver->start();
  const bool listening =
      eventually([&] { return driver->wait(0s) || sparkctl::runtime::port_accepts(port); }, 240s) && !driver->wait(0s);
  EXPECT_TRUE(listening) << "the driver's Connect server does not listen on " << port << "\n"
                         << driver->out() << driver->err();
  return listening ? std::move(driver) : nullptr;
}

bool selects(const json& selector, const json& labels) {
  if (!selector.is_object() || selector.empty()) return false;
  for (const auto& [key, value] : selector.items()) {
    if (labels.value(key, "") != value) return false;
  }
  return true;
}

const json* env_named(const json& container, const std::string& name) {
  const auto env = container.find("env");
  return env == container.end() ? nullptr : find_named(*env, name);
}

// A distributed interactive session: `submit --job interactive` creates the
// application, its token Secret and its Service; the operator starts the
// driver, which the simulated kubelet runs here (the pod's IP is this
// machine's loopback); `shell --app` finds the driver from the
// application's status and runs a query on it with the token; `delete`
// removes the application, the Secret and the Service, and the kubelet
// stops the container.
TEST_F(SimulatedKubelet, InteractiveSessionServesShellAppUntilDeleted) {
  const std::string app = name("session");
  const std::string session_objects = app + "-connect";
  const int port = sparkctl::runtime::pick_free_port();
  CommandResult submitted;
  const json pod = submit_session(app, port, submitted);
  ASSERT_FALSE(pod.is_null());
  EXPECT_NE(submitted.out.find("secret/" + session_objects + " created"), std::string::npos) << submitted.out;
  EXPECT_NE(submitted.out.find("service/" + session_objects + " created"), std::string::npos) << submitted.out;
  EXPECT_NE(submitted.out.find("sparkctl shell --app " + app), std::string::npos) << submitted.out;

  // The token: random, in a Secret owned by the application, and handed to
  // the driver as the environment variable Spark reads it from.
  const std::string api = "/api/v1/namespaces/" + ns_;
  const json secret = client_->get(api + "/secrets/" + session_objects);
  EXPECT_TRUE(owned_by(secret, app)) << secret["metadata"].dump(2);
  const auto token = sparkctl::k8s::secret_data(secret).at("token");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(submitted.out.find(token), std::string::npos);
  EXPECT_EQ(submitted.err.find(token), std::string::npos);
  const json* container = find_named(pod["spec"]["containers"], kDriverContainer);
  ASSERT_NE(container, nullptr);
  const json* token_env = env_named(*container, "SPARK_CONNECT_AUTHENTICATE_TOKEN");
  ASSERT_NE(token_env, nullptr) << container->dump(2);
  ASSERT_TRUE(token_env->contains("/valueFrom/secretKeyRef"_json_pointer)) << token_env->dump(2);
  EXPECT_EQ(token_env->at("/valueFrom/secretKeyRef"_json_pointer),
            (json{{"name", session_objects}, {"key", "token"}}));

  // The Service selects exactly this driver pod, on the Connect port.
  const json service = client_->get(api + "/services/" + session_objects);
  EXPECT_TRUE(owned_by(service, app)) << service["metadata"].dump(2);
  EXPECT_TRUE(selects(service["spec"]["selector"], pod["metadata"]["labels"]))
      << service["spec"].dump(2) << "\npod labels: " << pod["metadata"]["labels"].dump(2);
  ASSERT_EQ(service["spec"]["ports"].size(), 1u);
  EXPECT_EQ(service["spec"]["ports"][0].value("port", 0), port);
  EXPECT_EQ(service["spec"]["ports"][0].value("targetPort", 0), port);

  // The kubelet's part: run the driver container, here.
  auto driver = run_session_driver(app, port, "127.0.0.1");
  ASSERT_TRUE(driver);

  CommandResult shell = sparkctl({"shell", "--app", app, "-o", "csv", "-e", "SELECT 6 * 7 AS answer"});
  EXPECT_EQ(shell.exit_code, 0) << shell.err;
  EXPECT_EQ(shell.out, "answer\n42\n");
  EXPECT_EQ(shell.err.find(token), std::string::npos);

  // Without the token the server refuses.
  CommandResult anonymous =
      run_sparkctl({"shell", "--remote", "sc://127.0.0.1:" + std::to_string(port), "-e", "SELECT 1"});
  EXPECT_EQ(anonymous.exit_code, 3) << anonymous.err;
  EXPECT_NE(anonymous.err.find("authentication token"), std::string::npos) << anonymous.err;

  CommandResult removed = sparkctl({"delete", app});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.out.find("service/" + session_objects + " deleted"), std::string::npos) << removed.out;
  EXPECT_NE(removed.out.find("secret/" + session_objects + " deleted"), std::string::npos) << removed.out;
  for (const std::string& path : {app_path(app), api + "/secrets/" + session_objects,
                                  api + "/services/" + session_objects}) {
    EXPECT_EQ(client_->request("GET", path, "", "").status, 404) << path;
  }

  // The pod goes with its application: the kubelet stops the container
  // (SIGTERM), and the driver shuts its server down within the grace period.
  driver->stop(std::chrono::seconds(30));
  const auto stopped = driver->wait(0s);
  ASSERT_TRUE(stopped);
  EXPECT_NE(*stopped, 137) << "killed after the grace period\n" << driver->err();
  EXPECT_NE(driver->out().find("Spark Connect server of " + app + " is up"), std::string::npos) << driver->out();
  EXPECT_NE(driver->out().find("In the cluster: sc://" + session_objects + "." + ns_ + ".svc:" + std::to_string(port)),
            std::string::npos)
      << driver->out();
}

// From outside the cluster the pod network is not routable (the pod's IP
// here is in TEST-NET-1), so `shell --app` port-forwards through the API
// server: sparkctl's WebSocket port-forward, the API server's proxying to
// the node's kubelet (sparkctl-test-kubelet: the streaming part of a real
// kubelet) and on to the driver's Connect port. The pod is bound to that
// node as a scheduler would (simulated).
TEST_F(SimulatedKubelet, InteractiveSessionThroughAPortForwardOverTheApiServer) {
  const std::string node = k8s_test::cluster_env("SPARKCTL_TEST_NODE");
  if (node.empty()) GTEST_SKIP() << "the test cluster has no node (sparkctl-test-kubelet not built)";
  const std::string app = name("session-pf");
  const int port = sparkctl::runtime::pick_free_port();
  CommandResult submitted;
  ASSERT_FALSE(submit_session(app, port, submitted).is_null());
  client_->create(pod_path(app + "-driver") + "/binding",
                  {{"apiVersion", "v1"},
                   {"kind", "Binding"},
                   {"metadata", {{"name", app + "-driver"}}},
                   {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}});
  auto driver = run_session_driver(app, port, "192.0.2.10");
  ASSERT_TRUE(driver);

  CommandResult shell = sparkctl({"-v", "shell", "--app", app, "-o", "csv", "-e",
                                  "SELECT count(*) AS n FROM range(100000); SELECT 'forwarded' AS via"});
  EXPECT_EQ(shell.exit_code, 0) << shell.err;
  EXPECT_EQ(shell.out, "n\n100000\nvia\nforwarded\n");
  EXPECT_NE(shell.err.find("forwarded to 127.0.0.1:"), std::string::npos) << shell.err;

  CommandResult removed = sparkctl({"delete", app});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  driver->stop(std::chrono::seconds(30));
  EXPECT_TRUE(driver->wait(0s));
}

}  // namespace
