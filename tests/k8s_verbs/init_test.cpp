// `sparkctl init` against the real API server (with RBAC): what it
// creates, that a second run changes nothing, that the service account may
// then create pods (a SubjectAccessReview answered by the real
// authorizer), Secrets never printed, and --dry-run=server storing nothing.
// The test cluster runs no namespace controller: namespaces made here stay
// (in Terminating after the test) until the cluster goes.
#include "sparkctl/k8s/secret_data.hpp"
#include "verbs_support.hpp"

namespace verbs_test {
namespace {

class Init : public ClusterTest {
 protected:
  void TearDown() override {
    if (!kubeconfig().empty() && !namespace_.empty())
      admin().request("DELETE", "/api/v1/namespaces/" + namespace_, "", "");
    ClusterTest::TearDown();
  }
  std::string fresh_namespace() {
    namespace_ = unique_name("init");
    return namespace_;
  }
  // Whether `user` may `verb` `resource` in `ns`, as the API server decides.
  bool allowed(const std::string& user, const std::string& verb, const std::string& resource,
               const std::string& ns) {
    const nlohmann::json review = {
        {"apiVersion", "authorization.k8s.io/v1"},
        {"kind", "SubjectAccessReview"},
        {"spec",
         {{"user", user},
          {"groups", {"system:serviceaccounts", "system:authenticated"}},
          {"resourceAttributes", {{"namespace", ns}, {"verb", verb}, {"resource", resource}}}}}};
    auto client = admin();
    return client.create("/apis/authorization.k8s.io/v1/subjectaccessreviews", review)["status"]
        .value("allowed", false);
  }
  std::string namespace_;
};

TEST_F(Init, CreatesNamespaceServiceAccountAndRbacThenChangesNothing) {
  const std::string ns = fresh_namespace();
  Result first = sparkctl({"init", "-n", ns});
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.out, "namespace/" + ns + " created\nserviceaccount/spark created\n" +
                           "role.rbac.authorization.k8s.io/spark-driver created\n" +
                           "rolebinding.rbac.authorization.k8s.io/spark-driver created\n");
  Result again = sparkctl({"init", "-n", ns});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, "namespace/" + ns + " unchanged\nserviceaccount/spark unchanged\n" +
                           "role.rbac.authorization.k8s.io/spark-driver unchanged\n" +
                           "rolebinding.rbac.authorization.k8s.io/spark-driver unchanged\n");

  // The driver may manage its executors in its namespace, and only there.
  const std::string driver = "system:serviceaccount:" + ns + ":spark";
  EXPECT_TRUE(allowed(driver, "create", "pods", ns));
  EXPECT_TRUE(allowed(driver, "delete", "configmaps", ns));
  EXPECT_FALSE(allowed(driver, "create", "pods", "default"));
  EXPECT_FALSE(allowed(driver, "create", "secrets", ns));

  auto client = admin(ns);
  const auto labels = client.get("/api/v1/namespaces/" + ns)["metadata"]["labels"];
  EXPECT_EQ(labels.value("app.kubernetes.io/managed-by", ""), "sparkctl");
}

TEST_F(Init, KeyFileAndImagePullSecretAreStoredButNeverPrinted) {
  const std::string ns = fresh_namespace();
  const std::string key = "{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEsecret\"}";
  const std::string docker = R"({"auths": {"registry.example": {"auth": "dXNlcjpzM2NyM3Q="}}})";
  const std::string key_path = scratch_.write("key.json", key);
  const std::string docker_path = scratch_.write("config.json", docker);
  const std::vector<std::string> args = {"-vv",
                                         "init",
                                         "-n",
                                         ns,
                                         "--key-file",
                                         key_path,
                                         "--image-pull-secret",
                                         "regcred",
                                         "--docker-config",
                                         docker_path};
  Result r = sparkctl(args);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string& secret : {std::string("MIIEsecret"), std::string("dXNlcjpzM2NyM3Q=")}) {
    EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find(secret), std::string::npos) << "trace log holds a secret";
  }
  EXPECT_NE(r.out.find("secret/regcred created\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("secret/spark-key-file created\n"), std::string::npos) << r.out;

  auto client = admin(ns);
  const auto stored = client.get("/api/v1/namespaces/" + ns + "/secrets/spark-key-file");
  EXPECT_EQ(sparkctl::k8s::secret_data(stored).at("key.json"), key);
  const auto pull = client.get("/api/v1/namespaces/" + ns + "/secrets/regcred");
  EXPECT_EQ(pull["type"], "kubernetes.io/dockerconfigjson");
  const auto account = client.get("/api/v1/namespaces/" + ns + "/serviceaccounts/spark");
  EXPECT_EQ(account["imagePullSecrets"], nlohmann::json::parse(R"([{"name": "regcred"}])"));

  EXPECT_NE(r.out.find("serviceaccount/spark imagePullSecrets configured\n"), std::string::npos)
      << r.out;

  Result again = sparkctl(args);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out.find("created"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("configured"), std::string::npos) << again.out;

  // An init without the flag (say `make init-spark-k8s`) leaves the binding.
  Result plain = sparkctl({"init", "-n", ns});
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(client.get("/api/v1/namespaces/" + ns + "/serviceaccounts/spark")["imagePullSecrets"],
            nlohmann::json::parse(R"([{"name": "regcred"}])"));
}

TEST_F(Init, DryRunServerValidatesEveryObjectAndStoresNothing) {
  // In a namespace that exists: each object is validated by the API server.
  const std::string account = unique_name("dry");
  Result r =
      sparkctl({"init", "--dry-run=server", "--set", "kubernetes.service_account=" + account});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("serviceaccount/" + account + " created (server dry run)"),
            std::string::npos)
      << r.out;
  auto client = admin();
  EXPECT_EQ(
      client.request("GET", "/api/v1/namespaces/spark/serviceaccounts/" + account, "", "").status,
      404);
  // What the API server refuses, it refuses in a dry run too (422: exit 2).
  Result invalid =
      sparkctl({"init", "--dry-run=server", "--set", "kubernetes.service_account=" + account,
                "--set", "kubernetes.labels=team=-bad"});
  EXPECT_EQ(invalid.code, 2) << invalid.err;
  EXPECT_NE(invalid.err.find("metadata.labels: Invalid value: \"-bad\""), std::string::npos)
      << invalid.err;

  // A namespace that does not exist yet: nothing can be validated in it.
  const std::string ns = unique_name("dry-ns");
  Result missing = sparkctl({"init", "--dry-run=server", "-n", ns});
  ASSERT_EQ(missing.code, 0) << missing.err;
  EXPECT_NE(missing.out.find("namespace/" + ns + " created (server dry run)\n"), std::string::npos)
      << missing.out;
  EXPECT_NE(missing.out.find("serviceaccount/spark not validated (server dry run): namespace " +
                             ns + " does not exist yet\n"),
            std::string::npos)
      << missing.out;
  EXPECT_EQ(client.request("GET", "/api/v1/namespaces/" + ns, "", "").status, 404);
}

TEST_F(Init, WithoutRightsIsExit3NamingWhatWasRefused) {
  Result r = sparkctl({"init", "-n", "default"}, "viewer");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("forbidden: not allowed to patch namespaces \"default\""), std::string::npos)
      << r.err;
  Result usage = sparkctl({"init", "--docker-config", "/nonexistent.json"});
  EXPECT_EQ(usage.code, 2);
  EXPECT_EQ(usage.err,
            "sparkctl: error: --docker-config: /nonexistent.json is not a readable file\n");
}

}  // namespace
}  // namespace verbs_test
