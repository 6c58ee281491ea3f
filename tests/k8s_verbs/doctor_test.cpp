// `sparkctl doctor` on the test cluster, which is really broken in the ways
// doctor looks for: no operator or webhook runs as pods (the e2e operator
// is a local process), no node runs pods (so DNS cannot be checked), the
// viewer's RBAC denies most verbs, a namespace may be missing. What needs
// a real node (DNS answering, the image starting, the operator's pods
// ready) is the real-node tests'.
#include <algorithm>

#include "verbs_support.hpp"

namespace verbs_test {
namespace {

class Doctor : public ClusterTest {};

bool has_line(const std::string& out, const std::string& line) {
  return out.find(line + "\n") != std::string::npos;
}

TEST_F(Doctor, PassesWhatTheTestClusterHasAndNamesWhatItLacks) {
  ASSERT_EQ(sparkctl({"init"}).code, 0);  // namespace spark, service account, RBAC
  Result r = sparkctl({"doctor", "--pod-timeout", "3s"});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.err, "sparkctl: error: 3 of 9 checks failed\n");
  const std::string version = cluster_env("SPARKCTL_TEST_K8S_VERSION");
  EXPECT_NE(r.out.find("\u2713 API server https://127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("answers: Kubernetes " + version + "\n"), std::string::npos) << r.out;
  EXPECT_TRUE(has_line(r.out, "\u2713 you are admin (groups system:masters, system:authenticated)"))
      << r.out;
  EXPECT_TRUE(has_line(r.out, "\u2713 namespace spark exists")) << r.out;
  EXPECT_TRUE(has_line(r.out,
                       "\u2713 SparkApplication and ScheduledSparkApplication "
                       "sparkoperator.k8s.io/v1beta2 are served"))
      << r.out;
  EXPECT_TRUE(has_line(r.out,
                       "\u2717 no spark-operator controller pod (label "
                       "app.kubernetes.io/name=spark-operator,app.kubernetes.io/component="
                       "controller) in any namespace"))
      << r.out;
  EXPECT_NE(r.out.find("\u2717 no spark-operator webhook pod"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    fix: install the kubeflow spark-operator with its Helm chart"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(has_line(r.out, "\u2713 allowed in namespace spark: all 18 verbs sparkctl uses"))
      << r.out;
  EXPECT_TRUE(has_line(r.out, "\u2713 service account spark exists and may create executor pods"))
      << r.out;
  EXPECT_TRUE(has_line(r.out,
                       "\u2717 dns check: its pod did not finish within 3s: never scheduled "
                       "(does the cluster have a ready node?)"))
      << r.out;
  // The check pod is gone again.
  auto client = admin();
  EXPECT_EQ(client.get("/api/v1/namespaces/spark/pods?labelSelector=sparkctl.dev%2Fdoctor")
                .value("items", nlohmann::json::array())
                .size(),
            0u);

  Result json = sparkctl({"doctor", "--no-pods", "-o", "json"});
  EXPECT_EQ(json.code, 3);
  const auto checks = nlohmann::json::parse(json.out);
  ASSERT_EQ(checks.size(), 8u) << json.out;
  EXPECT_EQ(checks[0]["check"], "api-server");
  EXPECT_EQ(checks[0]["ok"], true);
  EXPECT_EQ(checks[4]["check"], "operator-controller");
  EXPECT_EQ(checks[4]["ok"], false);
  EXPECT_NE(checks[4]["fix"].get<std::string>().find("helm install"), std::string::npos);
}

TEST_F(Doctor, NamesWhatRbacDeniesAndWhatIsMissing) {
  Result viewer = sparkctl({"doctor", "-n", "default", "--no-pods"}, "viewer");
  EXPECT_EQ(viewer.code, 3);
  EXPECT_NE(viewer.out.find("\u2717 not allowed in namespace default: create "
                            "sparkapplications.sparkoperator.k8s.io, delete "
                            "sparkapplications.sparkoperator.k8s.io, create "
                            "scheduledsparkapplications.sparkoperator.k8s.io"),
            std::string::npos)
      << viewer.out;
  EXPECT_NE(viewer.out.find("    fix: ask an admin for a Role with these verbs in default"),
            std::string::npos)
      << viewer.out;

  const std::string ns = unique_name("nowhere");
  Result missing = sparkctl({"doctor", "-n", ns, "--no-pods"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_TRUE(has_line(missing.out, "\u2717 namespace " + ns + " does not exist")) << missing.out;
  EXPECT_TRUE(has_line(missing.out, "    fix: sparkctl init -n " + ns)) << missing.out;
  EXPECT_TRUE(has_line(missing.out, "\u2717 service account spark does not exist in " + ns))
      << missing.out;
}

TEST_F(Doctor, AnUnreachableApiServerIsTheOneLine) {
  const std::string config = scratch_.write("unreachable.yaml", R"(apiVersion: v1
kind: Config
clusters:
- name: gone
  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
users:
- name: someone
  user: {token: x}
contexts:
- name: gone
  context: {cluster: gone, user: someone}
current-context: gone
)");
  Result r = run({"--config", config_, "doctor", "--kubeconfig", config});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("\u2717 "), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << "one check and its fix:\n" << r.out;
  EXPECT_NE(r.out.find("    fix: is the cluster up"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "sparkctl: error: 1 of 1 checks failed\n");
}

}  // namespace
}  // namespace verbs_test
