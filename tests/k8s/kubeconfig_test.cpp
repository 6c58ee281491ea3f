// Kubeconfig loading without a cluster: merging, context choice, namespaces.
#include "sparkctl/k8s/kubeconfig.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sparkctl/core/error.hpp"

namespace fs = std::filesystem;
using namespace sparkctl::k8s;

namespace {

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sparkctl-kubeconfig-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
};

// "Y2EtcGVt" is base64 of "ca-pem".
const char* first_kubeconfig = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: shared
  cluster: {server: "https://first:6443/", certificate-authority: certs/ca.crt}
- name: only-first
  cluster: {server: "https://only-first:6443", certificate-authority-data: Y2EtcGVt}
users:
- name: alice
  user: {token: first-token}
contexts:
- name: dev
  context: {cluster: shared, user: alice, namespace: team-a}
- name: bare
  context: {cluster: only-first, user: alice}
)";

const char* second_kubeconfig = R"(apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: shared
  cluster: {server: "https://second:6443"}
- name: only-second
  cluster: {server: "https://only-second:6443", insecure-skip-tls-verify: true}
users:
- name: alice
  user: {token: second-token}
- name: bob
  user:
    client-certificate: bob.crt
    client-key: /abs/bob.key
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token]
      env: [{name: FOO, value: bar}]
contexts:
- name: dev
  context: {cluster: only-second, user: bob}
- name: prod
  context: {cluster: only-second, user: bob, namespace: team-p}
)";

}  // namespace

TEST_F(KubeconfigTest, FirstFileWinsPerNameAndForCurrentContext) {
  LoadingRules rules;
  rules.kubeconfig_env = write("a/config", first_kubeconfig) + ":" + (dir_ / "missing").string() +
                         ":" + write("b/config", second_kubeconfig);
  RestConfig rc = load_rest_config(rules, "");
  EXPECT_EQ(rc.context, "dev");                // current-context of the first file
  EXPECT_EQ(rc.server, "https://first:6443");  // cluster "shared" from the first file
  EXPECT_EQ(rc.user.token, "first-token");     // user "alice" from the first file
  EXPECT_EQ(rc.cluster.certificate_authority,
            (dir_ / "a/certs/ca.crt").string());  // relative to its file
  EXPECT_EQ(rc.namespace_, "team-a");
}

TEST_F(KubeconfigTest, ContextOverrideReachesEntriesOfTheSecondFile) {
  LoadingRules rules;
  rules.kubeconfig_env =
      write("a/config", first_kubeconfig) + ":" + write("b/config", second_kubeconfig);
  RestConfig rc = load_rest_config(rules, "prod");
  EXPECT_EQ(rc.server, "https://only-second:6443");
  EXPECT_TRUE(rc.cluster.insecure_skip_tls_verify);
  EXPECT_EQ(rc.user.client_certificate, (dir_ / "b/bob.crt").string());
  EXPECT_EQ(rc.user.client_key, "/abs/bob.key");
  ASSERT_TRUE(rc.user.exec);
  EXPECT_EQ(rc.user.exec->command, (dir_ / "b/bin/plugin").string());
  EXPECT_EQ(rc.user.exec->args, std::vector<std::string>{"get-token"});
  EXPECT_EQ(rc.user.exec->env.at(0), std::make_pair(std::string("FOO"), std::string("bar")));
  EXPECT_EQ(rc.namespace_, "team-p");
}

TEST_F(KubeconfigTest, InlineDataIsDecoded) {
  LoadingRules rules;
  rules.explicit_path = write("config", first_kubeconfig);
  RestConfig rc = load_rest_config(rules, "bare");
  EXPECT_EQ(rc.cluster.certificate_authority_data, "ca-pem");
}

TEST_F(KubeconfigTest, ExplicitKubeconfigIsNotMergedAndMustExist) {
  LoadingRules rules;
  rules.kubeconfig_env = write("a/config", first_kubeconfig);
  rules.explicit_path = write("b/config", second_kubeconfig);
  EXPECT_EQ(load_rest_config(rules, "").context, "prod");
  EXPECT_THROW(load_rest_config(rules, "bare"), sparkctl::Error);  // only in the KUBECONFIG file
  rules.explicit_path = (dir_ / "nope").string();
  try {
    load_rest_config(rules, "");
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(e.kind(), sparkctl::ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
  }
}

TEST_F(KubeconfigTest, HomeConfigWhenNoKubeconfigVariable) {
  LoadingRules rules;
  write("home/.kube/config", second_kubeconfig);
  rules.home = (dir_ / "home").string();
  EXPECT_EQ(load_rest_config(rules, "").context, "prod");
}

TEST_F(KubeconfigTest, UnknownContextAndDanglingReferencesAreUsageErrors) {
  LoadingRules rules;
  rules.explicit_path = write("config", std::string(first_kubeconfig) + R"(- name: broken
  context: {cluster: nowhere, user: alice}
)");
  try {
    load_rest_config(rules, "staging");
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(e.kind(), sparkctl::ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("context \"staging\" does not exist"), std::string::npos);
  }
  try {
    load_rest_config(rules, "broken");
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_NE(std::string(e.what()).find("cluster \"nowhere\""), std::string::npos);
  }
}

TEST_F(KubeconfigTest, BadYamlNamesFileAndLine) {
  LoadingRules rules;
  rules.explicit_path = write("config", "clusters:\n- name: x\n  cluster: {server: [\n");
  try {
    load_rest_config(rules, "");
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(rules.explicit_path + ":", 0), 0u) << e.what();
  }
}

TEST_F(KubeconfigTest, BadBase64DoesNotEchoTheSecret) {
  LoadingRules rules;
  rules.explicit_path = write("config", R"(clusters:
- name: c
  cluster: {server: "https://x"}
users:
- name: u
  user: {client-key-data: "not*base64*SECRETKEY"}
contexts:
- name: c
  context: {cluster: c, user: u}
current-context: c
)");
  try {
    load_rest_config(rules, "");
    FAIL();
  } catch (const sparkctl::Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("client-key-data"), std::string::npos) << what;
    EXPECT_EQ(what.find("SECRETKEY"), std::string::npos) << what;
    EXPECT_NE(what.find(":6:"), std::string::npos) << what;
  }
}

TEST_F(KubeconfigTest, NamespacePrecedence) {
  RestConfig rc;
  EXPECT_EQ(choose_namespace(rc, ""), "default");
  rc.namespace_ = "from-context";
  EXPECT_EQ(choose_namespace(rc, ""), "from-context");
  EXPECT_EQ(choose_namespace(rc, "from-flag"), "from-flag");
}

TEST_F(KubeconfigTest, InClusterWhenNoKubeconfig) {
  LoadingRules rules;
  rules.home = (dir_ / "empty-home").string();
  rules.service_host = "10.0.0.1";
  rules.service_port = "443";
  rules.service_account_dir = (dir_ / "sa").string();
  EXPECT_THROW(load_rest_config(rules, ""), sparkctl::Error);  // no token file yet
  write("sa/token", "sa-token\n");
  write("sa/namespace", "spark-jobs\n");
  RestConfig rc = load_rest_config(rules, "");
  EXPECT_EQ(rc.server, "https://10.0.0.1:443");
  EXPECT_EQ(rc.user.token_file, (dir_ / "sa/token").string());
  EXPECT_EQ(rc.cluster.certificate_authority, (dir_ / "sa/ca.crt").string());
  EXPECT_EQ(choose_namespace(rc, ""), "spark-jobs");
  EXPECT_EQ(choose_namespace(rc, "x"), "x");
  rules.pod_namespace = "from-env";
  EXPECT_EQ(load_rest_config(rules, "").namespace_, "from-env");
}

TEST_F(KubeconfigTest, NothingAtAllIsAUsageError) {
  LoadingRules rules;
  rules.home = (dir_ / "empty-home").string();
  try {
    load_rest_config(rules, "");
    FAIL();
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(e.kind(), sparkctl::ErrorKind::usage);
  }
}
