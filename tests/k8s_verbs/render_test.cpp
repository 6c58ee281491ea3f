// `sparkctl render`: every field of the SparkApplication comes from the
// configuration, output is stable, and bad input is a usage error (exit 2).
// In-process: render talks to no cluster.
#include <regex>

#include "in_process.hpp"
#include "verbs_support.hpp"

namespace verbs_test {
namespace {

// sparkctl ARGS in this process (hides verbs_support's run of the binary).
Result run(const std::vector<std::string>& args) {
  auto result = sparkctl::testing::run_in_process(args);
  return {result.exit_code, result.out, result.err};
}

const char* full_config = R"(
spark:
  version: 4.3.0
  conf:
    spark.sql.shuffle.partitions: "8"
    spark.eventLog.enabled: "true"
kubernetes:
  namespace: analytics
  image: registry.example/sparkctl:1.2
  image_pull_policy: Always
  service_account: spark-sa
  driver: {cores: 2, memory: 2g}
  executor: {cores: 3, memory: 4g, instances: 5}
  labels: {team: data}
  volumes:
    data: hostPath:/srv/data:/data
    scratch: emptyDir::/scratch
    settings: configMap:spark-settings:/etc/settings
    warehouse: pvc:warehouse-claim:/warehouse
  secrets:
    gcs.key: /mnt/secrets
jobs:
  pi: {partitions: 7}
)";

class Render : public ::testing::Test {
 protected:
  Scratch scratch;
  std::string config = scratch.write("conf.yaml", full_config);

  nlohmann::json render_json(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--config", config, "render", "--job", "pi", "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    Result r = run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
};

TEST_F(Render, MetadataAndFixedSpecFields) {
  auto app = render_json();
  EXPECT_EQ(app["apiVersion"], "sparkoperator.k8s.io/v1beta2");
  EXPECT_EQ(app["kind"], "SparkApplication");
  EXPECT_EQ(app["metadata"]["name"], "pi");
  EXPECT_EQ(app["metadata"]["namespace"], "analytics");
  EXPECT_EQ(app["metadata"]["labels"],
            (nlohmann::json{{"sparkctl.dev/job", "pi"}, {"team", "data"}}));
  const auto& spec = app["spec"];
  EXPECT_EQ(spec["type"], "Scala");
  EXPECT_EQ(spec["mode"], "cluster");
  EXPECT_EQ(spec["image"], "registry.example/sparkctl:1.2");
  EXPECT_EQ(spec["imagePullPolicy"], "Always");
  EXPECT_EQ(spec["sparkVersion"], "4.3.0");
  // A stand-in: spark-submit refuses SparkConnectServer in cluster mode.
  EXPECT_EQ(spec["mainClass"], "dev.sparkctl.ConnectDriver");
  EXPECT_EQ(spec["mainApplicationFile"],
            "spark-internal");  // no jar: no tie to the image's version
  EXPECT_EQ(spec["restartPolicy"], (nlohmann::json{{"type", "Never"}}));
  EXPECT_EQ(spec["sparkConf"], (nlohmann::json{{"spark.eventLog.enabled", "true"},
                                               {"spark.sql.shuffle.partitions", "8"}}));
}

TEST_F(Render, JobArgumentsAreResolvedAndOverridable) {
  auto args = render_json()["spec"]["arguments"];
  // An empty argument is left out (no `message=`): the driver takes its default.
  EXPECT_EQ(args, (nlohmann::json{"--job", "pi", "--job-args", "partitions=7"}));
  args = render_json({"--job-args", "partitions=42", "message=hi there"})["spec"]["arguments"];
  EXPECT_EQ(args,
            (nlohmann::json{"--job", "pi", "--job-args", "partitions=42", "message=hi there"}));
}

TEST_F(Render, DriverExecutorAndVolumes) {
  const auto spec = render_json()["spec"];
  const nlohmann::json labels = {{"sparkctl.dev/job", "pi"}, {"team", "data"}};
  EXPECT_EQ(spec["driver"]["cores"], 2);
  EXPECT_EQ(spec["driver"]["memory"], "2g");
  EXPECT_EQ(spec["driver"]["serviceAccount"], "spark-sa");
  EXPECT_EQ(spec["driver"]["labels"], labels);
  EXPECT_EQ(spec["executor"]["cores"], 3);
  EXPECT_EQ(spec["executor"]["memory"], "4g");
  EXPECT_EQ(spec["executor"]["instances"], 5);
  EXPECT_EQ(spec["executor"]["labels"], labels);
  const nlohmann::json volumes = nlohmann::json::parse(R"([
    {"name": "data", "hostPath": {"path": "/srv/data"}},
    {"name": "scratch", "emptyDir": {}},
    {"name": "settings", "configMap": {"name": "spark-settings"}},
    {"name": "warehouse", "persistentVolumeClaim": {"claimName": "warehouse-claim"}},
    {"name": "secret-gcs-key", "secret": {"secretName": "gcs.key"}}])");
  EXPECT_FALSE(spec.contains("volumes")) << "only the operator's webhook would apply spec.volumes";
  const nlohmann::json mounts = nlohmann::json::parse(R"([
    {"name": "data", "mountPath": "/data"},
    {"name": "scratch", "mountPath": "/scratch"},
    {"name": "settings", "mountPath": "/etc/settings"},
    {"name": "warehouse", "mountPath": "/warehouse"},
    {"name": "secret-gcs-key", "mountPath": "/mnt/secrets", "readOnly": true}])");
  for (const char* role : {"driver", "executor"}) {
    const auto& pod = spec[role]["template"]["spec"];
    EXPECT_EQ(pod["volumes"], volumes) << role;
    ASSERT_EQ(pod["containers"].size(), 1u) << role;
    EXPECT_EQ(pod["containers"][0]["name"], std::string("spark-kubernetes-") + role);
    EXPECT_EQ(pod["containers"][0]["volumeMounts"], mounts) << role;
  }
}

// Pod resources: the operator's CPU and memory fields, the unset ones
// left out, and limits that Kubernetes would refuse caught at render.
TEST_F(Render, PodResourcesDefaultsFitASmallNode) {
  Scratch empty;
  const std::string config = empty.write("conf.yaml", "kubernetes: {namespace: spark}\n");
  Result r = run({"--config", config, "render", "--job", "pi", "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto spec = nlohmann::json::parse(r.out)["spec"];
  for (const char* role : {"driver", "executor"}) {
    EXPECT_EQ(spec[role]["cores"], 1) << role;
    EXPECT_EQ(spec[role]["coreRequest"], "300m") << role;
    EXPECT_EQ(spec[role]["memory"], "512m") << role;
    for (const char* unset : {"coreLimit", "memoryOverhead", "memoryLimit"})
      EXPECT_FALSE(spec[role].contains(unset)) << role << " " << unset;
  }
  EXPECT_EQ(spec["executor"]["instances"], 2);
}

TEST_F(Render, PodResourcesFromConfig) {
  const auto spec = render_json({"--set", "kubernetes.driver.core_limit=1500m", "--set",
                                 "kubernetes.driver.memory_overhead=512m", "--set",
                                 "kubernetes.driver.memory_limit=3Gi", "--set",
                                 "kubernetes.executor.core_request=", "--set",
                                 "kubernetes.executor.memory_limit=4505Mi"})["spec"];
  EXPECT_EQ(spec["driver"]["coreRequest"], "300m");
  EXPECT_EQ(spec["driver"]["coreLimit"], "1500m");
  EXPECT_EQ(spec["driver"]["memoryOverhead"], "512m");
  EXPECT_EQ(spec["driver"]["memoryLimit"], "3Gi");         // 2g + 512m = 2560Mi requested
  EXPECT_FALSE(spec["executor"].contains("coreRequest"));  // empty: Spark requests `cores`
  EXPECT_EQ(spec["executor"]["memoryLimit"], "4505Mi");    // exactly 4g + max(384m, 10%)
}

TEST_F(Render, LimitsBelowTheRequestAreRefused) {
  struct Case {
    std::vector<std::string> sets;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"kubernetes.executor.memory_limit=4504Mi"},
       "kubernetes.executor.memory_limit: 4504Mi is below the executor pod's memory request "
       "4505Mi (memory 4g + overhead 409Mi): Kubernetes would refuse the pod"},
      // Spark's overhead settings in spark.conf count too.
      {{"spark.conf=spark.driver.memoryOverheadFactor=0.5", "kubernetes.driver.memory_limit=2Gi"},
       "kubernetes.driver.memory_limit: 2Gi is below the driver pod's memory request 3072Mi "
       "(memory 2g + overhead 1024Mi): Kubernetes would refuse the pod"},
      {{"kubernetes.driver.core_limit=1"},
       "kubernetes.driver.core_limit: 1 is below the driver pod's CPU request 2 (core_request, "
       "else cores): Kubernetes would refuse the pod"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--config", config};
    for (const auto& set : c.sets) args.insert(args.end(), {"--set", set});
    args.insert(args.end(), {"--set", "kubernetes.driver.core_request=", "render", "--job", "pi"});
    Result r = run(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.err, "sparkctl: error: " + c.error + "\n");
  }
}

TEST_F(Render, YamlIsStableOrderedAndQuotesWhatLooksLikeOtherTypes) {
  Result a = run({"--config", config, "render", "--job", "pi", "--name", "nightly-pi"});
  Result b = run({"--config", config, "render", "--job", "pi", "--name", "nightly-pi"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.rfind(
                "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n", 0),
            0u)
      << a.out;
  EXPECT_NE(a.out.find("  name: nightly-pi\n"), std::string::npos);
  EXPECT_NE(a.out.find("spark.sql.shuffle.partitions: \"8\""), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("spark.eventLog.enabled: \"true\""), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("cores: 2\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("emptyDir: {}"), std::string::npos) << a.out;
  // spec keys in the documented order
  const auto type_at = a.out.find("  type: Scala"), driver_at = a.out.find("  driver:"),
             executor_at = a.out.find("  executor:");
  EXPECT_LT(type_at, driver_at);
  EXPECT_LT(driver_at, executor_at);
}

TEST_F(Render, NamespaceFlagOverridesConfig) {
  EXPECT_EQ(render_json({"-n", "other"})["metadata"]["namespace"], "other");
}

TEST_F(Render, NamespaceMustBeADns1123Label) {
  const std::string expected =
      "kubernetes.namespace: expected a Kubernetes namespace (a DNS-1123 label: at most 63 "
      "lower-case letters, digits and '-', starting and ending with a letter or digit), got ";
  Result spaced =
      run({"--config", config, "--set", "kubernetes.namespace=a b", "render", "--job", "pi"});
  EXPECT_EQ(spaced.code, 2);
  EXPECT_EQ(spaced.err, "sparkctl: error: --set kubernetes.namespace " + expected + "\"a b\"\n");
  Result flag = run({"--config", config, "render", "--job", "pi", "-n", "Analytics"});
  EXPECT_EQ(flag.code, 2);
  EXPECT_EQ(flag.err, "sparkctl: error: --namespace " + expected + "\"Analytics\"\n");
  EXPECT_EQ(run({"--config", config, "render", "--job", "pi", "-n", std::string(64, 'a')}).code, 2);
  EXPECT_EQ(run({"--config", config, "render", "--job", "pi", "-n", std::string(63, 'a')}).code, 0);
}

TEST_F(Render, UnknownJobIsUsageError) {
  Result r = run({"--config", config, "render", "--job", "nope"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown job 'nope'"), std::string::npos) << r.err;
}

TEST_F(Render, UnknownJobArgIsUsageError) {
  Result r = run({"--config", config, "render", "--job", "pi", "--job-args", "partition=3"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean 'partitions'"), std::string::npos) << r.err;
}

TEST_F(Render, InvalidNameIsUsageError) {
  Result r = run({"--config", config, "render", "--job", "pi", "--name", "Bad_Name"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("invalid application name \"Bad_Name\""), std::string::npos) << r.err;
}

TEST(SubmitFlags, ReplaceNeedsName) {
  Scratch scratch;
  Result r =
      run({"--config", scratch.write("c.yaml", base_config), "submit", "--job", "pi", "--replace"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--replace needs --name"), std::string::npos) << r.err;
}

TEST(SubmitFlags, BadTimeoutIsUsageError) {
  Scratch scratch;
  Result r = run({"--config", scratch.write("c.yaml", base_config), "wait", "x", "--timeout",
                  "soon", "--kubeconfig", scratch.write("kc", "apiVersion: v1\nkind: Config\n")});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--timeout: expected a duration"), std::string::npos) << r.err;
}

// The interactive job's driver serves sessions: a List of the application
// (bound to every address, port and token from config) and its Service.
TEST_F(Render, InteractiveSessionComesWithItsService) {
  Result r = run({"--config", config, "--set", "kubernetes.connect_port=15010", "render", "--job",
                  "interactive", "--name", "notebook", "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto list = nlohmann::json::parse(r.out);
  EXPECT_EQ(list["kind"], "List");
  ASSERT_EQ(list["items"].size(), 2u);
  const auto& app = list["items"][0];
  const auto& conf = app["spec"]["sparkConf"];
  EXPECT_EQ(conf["spark.connect.grpc.binding.address"], "0.0.0.0");
  EXPECT_EQ(conf["spark.connect.grpc.binding.port"], "15010");
  EXPECT_EQ(conf["spark.kubernetes.driver.secretKeyRef.SPARK_CONNECT_AUTHENTICATE_TOKEN"],
            "notebook-connect:token");
  EXPECT_EQ(conf["spark.eventLog.enabled"], "true");  // the config's own sparkConf stays
  const auto& service = list["items"][1];
  EXPECT_EQ(service["kind"], "Service");
  EXPECT_EQ(service["metadata"]["name"], "notebook-connect");
  EXPECT_EQ(service["metadata"]["namespace"], "analytics");
  EXPECT_EQ(
      service["spec"]["selector"],
      (nlohmann::json{{"sparkoperator.k8s.io/app-name", "notebook"}, {"spark-role", "driver"}}));
  EXPECT_EQ(service["spec"]["ports"][0]["port"], 15010);

  // YAML: two documents, and a note on the Secret that `submit` makes.
  Result yaml = run({"--config", config, "render", "--job", "interactive", "--name", "notebook"});
  ASSERT_EQ(yaml.code, 0) << yaml.err;
  EXPECT_NE(yaml.out.find("\n---\napiVersion: v1\nkind: Service\n"), std::string::npos) << yaml.out;
  EXPECT_NE(
      yaml.out.find("# Its driver takes the Spark Connect token from Secret notebook-connect"),
      std::string::npos)
      << yaml.out;
  // The pi job's driver serves nobody: one object, bound to loopback.
  auto pi = render_json();
  EXPECT_EQ(pi["kind"], "SparkApplication");
  EXPECT_FALSE(pi["spec"]["sparkConf"].contains("spark.connect.grpc.binding.address"));
}

// A Service name is a 63-character label: long application names are cut.
TEST_F(Render, SessionObjectNamesStayValidLabels) {
  const std::string app(63, 'a');
  Result r =
      run({"--config", config, "render", "--job", "interactive", "--name", app, "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string service = nlohmann::json::parse(r.out)["items"][1]["metadata"]["name"];
  EXPECT_EQ(service, std::string(55, 'a') + "-connect");
}

}  // namespace
}  // namespace verbs_test
