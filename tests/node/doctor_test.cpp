// `sparkctl doctor` on the real node: with the operator and its webhook
// running, every check passes (cluster DNS and the image's sparkctl in real
// pods); then each ✗ on a really broken setup: the operator scaled to zero,
// CoreDNS stopped, an image the node does not have, the driver's RBAC
// removed. Each breakage is undone at the end of its test, pass or fail
// (the guards' destructors), and waits until the node is whole again.
#include "node_cluster.hpp"

namespace node_test {
namespace {

const std::vector<std::string> all_checks = {
    "api-server",       "whoami", "namespace",       "operator-apis", "operator-controller",
    "operator-webhook", "verbs",  "service-account", "dns",           "image"};

// doctor -o json: check name -> {check, ok, detail, fix}.
std::map<std::string, json> checks_of(const CommandResult& result) {
  std::map<std::string, json> checks;
  const json parsed = json::parse(result.out, nullptr, false);
  if (!parsed.is_array()) return checks;
  for (const auto& check : parsed) checks[check.value("check", "")] = check;
  return checks;
}

// The names of the checks that failed.
std::vector<std::string> failed(const std::map<std::string, json>& checks) {
  std::vector<std::string> names;
  for (const auto& [name, check] : checks)
    if (!check.value("ok", false)) names.push_back(name);
  return names;
}

const char* const operator_namespace = "spark-operator";

std::string deployment_path(const std::string& name) {
  return "/apis/apps/v1/namespaces/" + std::string(operator_namespace) + "/deployments/" + name;
}

// The operator's Deployments scaled to zero until the end of the test,
// then back to their replicas, and waited for until a SparkApplication
// passes the webhook again (as scripts/local-cluster.sh waits at install).
class OperatorScaledToZero {
 public:
  OperatorScaledToZero(sparkctl::k8s::Client& client, std::vector<std::string> deployments)
      : client_(client) {
    for (const auto& name : deployments) {
      const json deployment = client_.get(deployment_path(name));
      saved_.emplace_back(name, deployment["spec"].value("replicas", 1));
      scale(name, 0);
    }
    // The ReplicaSets' controller deletes the pods a moment later.
    EXPECT_TRUE(eventually([&] { return live_pods() == 0; }, 60s));
  }
  ~OperatorScaledToZero() {
    try {
      for (const auto& [name, replicas] : saved_) scale(name, replicas);
      const bool ready = eventually([&] { return all_ready() && webhook_answers(); }, 180s);
      if (!ready) ADD_FAILURE() << "the operator did not come back after the test";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not restore the operator: " << e.what();
    }
  }
  OperatorScaledToZero(const OperatorScaledToZero&) = delete;
  OperatorScaledToZero& operator=(const OperatorScaledToZero&) = delete;

 private:
  void scale(const std::string& name, int replicas) {
    client_.patch(deployment_path(name), {{"spec", {{"replicas", replicas}}}},
                  "application/merge-patch+json");
  }
  std::size_t live_pods() {
    std::size_t live = 0;
    for (const auto& pod : client_
                               .get("/api/v1/namespaces/" + std::string(operator_namespace) +
                                    "/pods?labelSelector=app.kubernetes.io%2Fname%3Dspark-operator")
                               .value("items", json::array()))
      if (!pod["metadata"].contains("deletionTimestamp")) ++live;
    return live;
  }
  bool all_ready() {
    for (const auto& [name, replicas] : saved_)
      if (client_.get(deployment_path(name)).value("/status/readyReplicas"_json_pointer, 0) <
          replicas)
        return false;
    return true;
  }
  bool webhook_answers() {
    const json app = {{"apiVersion", "sparkoperator.k8s.io/v1beta2"},
                      {"kind", "SparkApplication"},
                      {"metadata", {{"name", "webhook-check"}, {"namespace", test_namespace}}},
                      {"spec",
                       {{"type", "Scala"},
                        {"mode", "cluster"},
                        {"sparkVersion", "4.3.0"},
                        {"mainClass", "Check"},
                        {"mainApplicationFile", "spark-internal"},
                        {"driver", {{"cores", 1}, {"memory", "512m"}}},
                        {"executor", {{"instances", 1}, {"cores", 1}, {"memory", "512m"}}}}}};
    return client_
               .request("POST",
                        "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" +
                            std::string(test_namespace) + "/sparkapplications?dryRun=All",
                        app.dump(), "application/json")
               .status == 201;
  }

  sparkctl::k8s::Client& client_;
  std::vector<std::pair<std::string, int>> saved_;
};

// scripts/local-cluster.sh dns stop|start: CoreDNS is a process of the
// node (the kubelet's clusterDNS), not a pod, so DNS goes down by stopping it.
CommandResult cluster_dns(const std::string& action) {
  return sparkctl::testing::run_command(
      {"bash", std::string(SPARKCTL_NODE_TEST_DIR) + "/../../scripts/local-cluster.sh", "dns",
       action});
}

class DnsStopped {
 public:
  DnsStopped() {
    const auto stopped = cluster_dns("stop");
    EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  }
  ~DnsStopped() {
    const auto started = cluster_dns("start");
    if (started.exit_code != 0) ADD_FAILURE() << "CoreDNS did not start again: " << started.err;
  }
  DnsStopped(const DnsStopped&) = delete;
  DnsStopped& operator=(const DnsStopped&) = delete;
};

// Whether the driver's service account may create pods, as the API
// server's authorizer says now (RBAC changes reach it within a moment).
bool driver_may_create_pods(sparkctl::k8s::Client& client) {
  const json review = {
      {"apiVersion", "authorization.k8s.io/v1"},
      {"kind", "SubjectAccessReview"},
      {"spec",
       {{"user", "system:serviceaccount:" + std::string(test_namespace) + ":spark"},
        {"groups", {"system:serviceaccounts", "system:authenticated"}},
        {"resourceAttributes",
         {{"namespace", test_namespace}, {"verb", "create"}, {"resource", "pods"}}}}}};
  return client.create("/apis/authorization.k8s.io/v1/subjectaccessreviews", review)
      .value("/status/allowed"_json_pointer, false);
}

// The driver's Role and RoleBinding (those `sparkctl init` makes) deleted
// until the end of the test, then made again exactly as they were.
class DriverRbacRemoved {
 public:
  explicit DriverRbacRemoved(sparkctl::k8s::Client& client) : client_(client) {
    for (const char* kind : {"rolebindings", "roles"}) {
      json object = client_.get(object_path(kind));
      for (const char* generated : {"resourceVersion", "uid", "creationTimestamp", "managedFields"})
        object["metadata"].erase(generated);
      saved_.emplace_back(kind, object);
      client_.remove(object_path(kind));
    }
    EXPECT_TRUE(eventually([&] { return !driver_may_create_pods(client_); }, 30s));
  }
  ~DriverRbacRemoved() {
    try {
      for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
        const std::string path = object_path(it->first);
        client_.request("DELETE", path, "", "");  // what the test made instead, if anything
        const auto made = client_.request("POST", path.substr(0, path.rfind('/')),
                                          it->second.dump(), "application/json");
        if (made.status != 201) ADD_FAILURE() << "could not restore " << path << ": " << made.body;
      }
      if (!eventually([&] { return driver_may_create_pods(client_); }, 30s))
        ADD_FAILURE() << "the driver's RBAC is not back";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not restore the driver's RBAC: " << e.what();
    }
  }
  DriverRbacRemoved(const DriverRbacRemoved&) = delete;
  DriverRbacRemoved& operator=(const DriverRbacRemoved&) = delete;

 private:
  static std::string object_path(const std::string& kind) {
    return "/apis/rbac.authorization.k8s.io/v1/namespaces/" + std::string(test_namespace) + "/" +
           kind + "/spark-driver";
  }

  sparkctl::k8s::Client& client_;
  std::vector<std::pair<std::string, json>> saved_;
};

// The doctor pods a run leaves behind (none: it deletes its own).
std::size_t doctor_pods(sparkctl::k8s::Client& client) {
  std::size_t left = 0;
  for (const auto& pod : client
                             .get("/api/v1/namespaces/" + std::string(test_namespace) +
                                  "/pods?labelSelector=sparkctl.dev%2Fdoctor")
                             .value("items", json::array()))
    if (!pod["metadata"].contains("deletionTimestamp")) ++left;
  return left;
}

TEST_F(RealNode, DoctorPassesEveryCheckWithTheOperatorRunning) {
  const std::string image = cluster_["SPARKCTL_IMAGE"];
  const CommandResult text = sparkctl({"doctor", "--image", image});
  EXPECT_EQ(text.exit_code, 0) << text.out << text.err;
  EXPECT_EQ(count(text.out, "\u2713 "), all_checks.size()) << text.out;
  EXPECT_EQ(count(text.out, "\u2717 "), 0u) << text.out;
  EXPECT_NE(text.out.find("spark-operator controller spark-operator/spark-operator-controller-"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("cluster DNS resolves kubernetes.default in a pod (10.96.0.1"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("image " + image + " starts: sparkctl "), std::string::npos) << text.out;

  const CommandResult as_json = sparkctl({"doctor", "--image", image, "-o", "json"});
  EXPECT_EQ(as_json.exit_code, 0) << as_json.out << as_json.err;
  auto checks = checks_of(as_json);
  for (const auto& name : all_checks) {
    ASSERT_EQ(checks.count(name), 1u) << name << " missing: " << as_json.out;
    EXPECT_TRUE(checks.at(name).value("ok", false)) << checks.at(name).dump();
  }
  EXPECT_EQ(checks.size(), all_checks.size()) << as_json.out;
  EXPECT_EQ(doctor_pods(*client_), 0u);
}

TEST_F(RealNode, DoctorSeesTheOperatorScaledToZero) {
  OperatorScaledToZero scaled(*client_, {"spark-operator-controller", "spark-operator-webhook"});
  const CommandResult result = sparkctl({"doctor", "--no-pods", "-o", "json"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  auto checks = checks_of(result);
  EXPECT_EQ(failed(checks), (std::vector<std::string>{"operator-controller", "operator-webhook"}))
      << result.out;
  for (const char* component : {"controller", "webhook"}) {
    const json check = checks["operator-" + std::string(component)];
    EXPECT_EQ(check.value("detail", ""), "spark-operator " + std::string(component) +
                                             ": Deployment spark-operator/spark-operator-" +
                                             component + " is scaled to 0 replicas");
    EXPECT_EQ(check.value("fix", ""), "kubectl -n spark-operator scale deployment spark-operator-" +
                                          std::string(component) + " --replicas=1");
  }
  EXPECT_NE(result.err.find("2 of 8 checks failed"), std::string::npos) << result.err;
}

TEST_F(RealNode, DoctorSeesClusterDnsDown) {
  {
    DnsStopped dns_down;
    const CommandResult result = sparkctl({"doctor", "-o", "json"});
    EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
    auto checks = checks_of(result);
    EXPECT_EQ(failed(checks), std::vector<std::string>{"dns"}) << result.out;
    const std::string detail = checks["dns"].value("detail", "");
    EXPECT_NE(
        detail.find("kubernetes.default does not resolve in a pod (exit code 2): nameserver " +
                    cluster_["SPARKCTL_LOCAL_CLUSTER_NODE_IP"]),
        std::string::npos)
        << detail;
    EXPECT_NE(checks["dns"].value("fix", "").find("cluster DNS"), std::string::npos);
  }
  // CoreDNS is back: the same check passes again.
  const CommandResult again = sparkctl({"doctor"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(doctor_pods(*client_), 0u);
}

TEST_F(RealNode, DoctorSeesAnImageTheNodeDoesNotHave) {
  const std::string image = "localhost/sparkctl/not-built:doctor";
  const auto started = std::chrono::steady_clock::now();
  const CommandResult result =
      sparkctl({"doctor", "--image", image, "--pod-timeout", "20s", "-o", "json"});
  EXPECT_LT(std::chrono::steady_clock::now() - started, 120s);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  auto checks = checks_of(result);
  EXPECT_EQ(failed(checks), std::vector<std::string>{"image"}) << result.out;
  const std::string detail = checks["image"].value("detail", "");
  EXPECT_NE(detail.find("cannot get its image"), std::string::npos) << detail;
  EXPECT_TRUE(detail.find("ErrImagePull") != std::string::npos ||
              detail.find("ImagePullBackOff") != std::string::npos)
      << detail;
  EXPECT_NE(detail.find(image), std::string::npos) << detail;
  EXPECT_EQ(checks["image"].value("fix", "").rfind("the node cannot get " + image, 0), 0u)
      << checks["image"].dump();
  EXPECT_EQ(doctor_pods(*client_), 0u) << "the image check's pod was left behind";
}

TEST_F(RealNode, DoctorSeesTheDriverRbacRemovedAndInitRepairsIt) {
  DriverRbacRemoved removed(*client_);
  const CommandResult result = sparkctl({"doctor", "--no-pods"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_EQ(count(result.out, "\u2717 "), 1u) << result.out;
  EXPECT_NE(result.out.find("\u2717 service account spark may not create executor pods in spark\n"
                            "    fix: sparkctl init -n spark\n"),
            std::string::npos)
      << result.out;

  // The fix doctor names repairs it.
  const CommandResult init = sparkctl({"init", "-n", test_namespace});
  EXPECT_EQ(init.exit_code, 0) << init.err;
  EXPECT_TRUE(eventually([&] { return driver_may_create_pods(*client_); }, 30s));
  const CommandResult again = sparkctl({"doctor", "--no-pods"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

}  // namespace
}  // namespace node_test
