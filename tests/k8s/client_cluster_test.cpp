// JSON requests and authentication against the real test API server.
#include "cluster_fixture.hpp"
#include "sparkctl/core/error.hpp"

using namespace sparkctl::k8s;
using namespace k8s_test;

namespace {

template <typename F>
ApiError api_error_of(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "no ApiError was thrown";
  return ApiError(0, "", "", {}, "");
}

}  // namespace

TEST(ClientCluster, VersionAndNamespaces) {
  REQUIRE_CLUSTER();
  Client c = Client::connect({kubeconfig(), "", ""});
  EXPECT_EQ(c.default_namespace(), "default");  // from the admin context
  EXPECT_EQ(c.server().rfind("https://127.0.0.1:", 0), 0u);
  auto v = c.get("/version");
  EXPECT_FALSE(v.value("gitVersion", "").empty()) << v.dump();
  EXPECT_EQ(connect("admin", "spark").default_namespace(), "spark");
}

TEST(ClientCluster, CreateGetPatchDeleteSparkApplication) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  const std::string name = unique_name("crud");
  const std::string path = apps_path + "/" + name;

  auto dry = c.create(apps_path, spark_application(name), /*dry_run_server=*/true);
  EXPECT_EQ(dry["metadata"]["name"], name);
  EXPECT_EQ(api_error_of([&] { c.get(path); }).status(), 404);  // dry run stored nothing

  auto created = c.create(apps_path, spark_application(name));
  EXPECT_FALSE(created["metadata"].value("uid", "").empty());
  EXPECT_EQ(c.get(path)["spec"]["type"], "Scala");

  auto patched = c.patch(path, {{"metadata", {{"labels", {{"team", "data"}}}}}},
                         "application/merge-patch+json");
  EXPECT_EQ(patched["metadata"]["labels"]["team"], "data");

  auto replaced = c.get(path);
  replaced["spec"]["sparkVersion"] = "3.5.1";
  EXPECT_EQ(c.replace(path, replaced)["spec"]["sparkVersion"], "3.5.1");

  Response raw = c.request("GET", path, "", "");
  EXPECT_EQ(raw.status, 200);
  EXPECT_EQ(raw.json()["metadata"]["name"], name);
  EXPECT_EQ(raw.headers["content-type"], "application/json");

  // Background: Foreground would wait for a garbage collector this cluster lacks.
  c.remove(path, {{"propagationPolicy", "Background"}});
  ApiError gone = api_error_of([&] { c.get(path); });
  EXPECT_EQ(gone.status(), 404);
  EXPECT_EQ(gone.reason(), "NotFound");
  EXPECT_EQ(gone.kind(), sparkctl::ErrorKind::cluster);
}

TEST(ClientCluster, ViewerIsForbiddenWithVerbAndResource) {
  REQUIRE_CLUSTER();
  Client viewer = connect("viewer");
  ApiError e =
      api_error_of([&] { viewer.create(apps_path, spark_application(unique_name("viewer"))); });
  EXPECT_EQ(e.status(), 403);
  EXPECT_EQ(e.reason(), "Forbidden");
  std::string what = e.what();
  EXPECT_NE(what.find("create"), std::string::npos) << what;
  EXPECT_NE(what.find("sparkapplications"), std::string::npos) << what;
  EXPECT_NE(what.find("viewer"), std::string::npos) << what;
  // What RBAC allows still works.
  EXPECT_TRUE(viewer.get("/apis/sparkoperator.k8s.io/v1beta2/namespaces/default/sparkapplications")
                  .contains("items"));
}

TEST(ClientCluster, MissingResourceTypeIs404) {
  REQUIRE_CLUSTER();
  ApiError e = api_error_of(
      [&] { connect("admin").get("/apis/widgets.example.com/v1/namespaces/spark/widgets"); });
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(e.reason(), "NotFound");
}

TEST(ClientCluster, DuplicateIs409AlreadyExists) {
  REQUIRE_CLUSTER();
  Client c = connect("admin");
  const std::string name = unique_name("dup");
  c.create(apps_path, spark_application(name));
  ApiError e = api_error_of([&] { c.create(apps_path, spark_application(name)); });
  EXPECT_EQ(e.status(), 409);
  EXPECT_EQ(e.reason(), "AlreadyExists");
  EXPECT_NE(std::string(e.what()).find(name), std::string::npos);
  c.remove(apps_path + "/" + name);
}

TEST(ClientCluster, InvalidObjectIs422WithCauses) {
  REQUIRE_CLUSTER();
  auto app = spark_application(unique_name("bad"));
  app["spec"]["type"] = "Cobol";
  app["spec"]["driver"]["cores"] = "many";
  ApiError e = api_error_of([&] { connect("admin").create(apps_path, app); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.reason(), "Invalid");
  std::string all;
  for (const auto& c : e.causes()) all += c + "\n";
  EXPECT_NE(all.find("spec.type: "), std::string::npos) << all;
  EXPECT_NE(all.find("spec.driver.cores: "), std::string::npos) << all;
}

TEST(ClientCluster, ClientCertificateFromFilesAndInlineData) {
  REQUIRE_CLUSTER();
  // Inline *-data (the fixture's admin-cert context).
  EXPECT_TRUE(connect("admin-cert").get(apps_path).contains("items"));
  // The same certificate from files, and the CA from a file.
  Kubeconfig kc = loaded();
  TempDir dir;
  const UserEntry& u = kc.users.at("admin-cert");
  dir.write("admin.crt", u.client_certificate_data);
  std::string key = dir.write("admin.key", u.client_key_data);  // absolute; the others relative
  dir.write("ca.crt", kc.clusters.at("test").certificate_authority_data);
  std::string cfg =
      dir.write("kubeconfig",
                "clusters:\n- name: t\n  cluster: {server: \"" + kc.clusters.at("test").server +
                    "\", certificate-authority: ca.crt}\n"
                    "users:\n- name: u\n  user: {client-certificate: admin.crt, client-key: " +
                    key +
                    "}\ncontexts:\n- name: c\n  context: {cluster: t, user: u, namespace: spark}\n"
                    "current-context: c\n");
  Client c = Client::connect({cfg, "", ""});
  EXPECT_EQ(c.default_namespace(), "spark");
  EXPECT_TRUE(c.get(apps_path).contains("items"));
}

TEST(ClientCluster, WrongCaIsAClusterErrorNotARetryLoop) {
  REQUIRE_CLUSTER();
  Kubeconfig kc = loaded();
  TempDir dir;
  std::string cfg = dir.write(
      "kubeconfig", "clusters:\n- name: t\n  cluster: {server: \"" + kc.clusters.at("test").server +
                        "\", certificate-authority: /etc/ssl/certs/ca-certificates.crt}\n"
                        "users:\n- name: u\n  user: {token: x}\ncontexts:\n- name: c\n  context: "
                        "{cluster: t, user: u}\n"
                        "current-context: c\n");
  auto start = std::chrono::steady_clock::now();
  try {
    Client::connect({cfg, "", ""}).get("/version");
    FAIL() << "an unknown CA was trusted";
  } catch (const ApiError&) {
    FAIL() << "expected a TLS failure";
  } catch (const sparkctl::Error& e) {
    EXPECT_EQ(e.kind(), sparkctl::ErrorKind::cluster);
    EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

class ExecPluginCluster : public ::testing::TestWithParam<std::string> {};

TEST_P(ExecPluginCluster, TokenFromPluginIsUsedAndCached) {
  REQUIRE_CLUSTER();
  Kubeconfig kc = loaded();
  TempDir dir;
  const std::string count = (dir.path() / "count").string();
  const std::string info = (dir.path() / "info").string();
  std::string cfg = dir.write(
      "kubeconfig",
      "clusters:\n- name: t\n  cluster:\n    server: \"" + kc.clusters.at("test").server +
          "\"\n    certificate-authority: " + (dir.path() / "ca.crt").string() +
          "\nusers:\n- name: u\n  user:\n    exec:\n      apiVersion: " + GetParam() +
          "\n      command: sh\n      args: [\"" SPARKCTL_K8S_TEST_DIR "/exec_plugin.sh\", \"" +
          GetParam() +
          "\"]\n      provideClusterInfo: true\n      env:\n      - {name: SPARKCTL_PLUGIN_TOKEN, "
          "value: \"" +
          kc.users.at("admin").token + "\"}\n      - {name: SPARKCTL_PLUGIN_COUNT_FILE, value: \"" +
          count + "\"}\n      - {name: SPARKCTL_PLUGIN_INFO_FILE, value: \"" + info +
          "\"}\ncontexts:\n- name: c\n  context: {cluster: t, user: u}\ncurrent-context: c\n");
  dir.write("ca.crt", kc.clusters.at("test").certificate_authority_data);
  Client c = Client::connect({cfg, "", "spark"});
  EXPECT_TRUE(c.get(apps_path).contains("items"));  // needs a real token: anonymous gets 401/403
  EXPECT_TRUE(c.get(apps_path).contains("items"));
  std::ifstream in(count);
  int runs = 0;
  for (std::string line; std::getline(in, line);) ++runs;
  EXPECT_EQ(runs, 1) << "the credential expires in 2099 and must be cached";
  std::ifstream info_in(info);
  auto exec_info = nlohmann::json::parse(info_in);
  EXPECT_EQ(exec_info["kind"], "ExecCredential");
  EXPECT_EQ(exec_info["apiVersion"], GetParam());
  EXPECT_EQ(exec_info["spec"]["cluster"]["server"], kc.clusters.at("test").server);
}

INSTANTIATE_TEST_SUITE_P(ApiVersions, ExecPluginCluster,
                         ::testing::Values("client.authentication.k8s.io/v1",
                                           "client.authentication.k8s.io/v1beta1"));

TEST(ClientCluster, FailingExecPluginIsAClearError) {
  REQUIRE_CLUSTER();
  Kubeconfig kc = loaded();
  TempDir dir;
  std::string cfg =
      dir.write("kubeconfig",
                "clusters:\n- name: t\n  cluster: {server: \"" + kc.clusters.at("test").server +
                    "\", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user:\n    exec:\n"
                    "      apiVersion: client.authentication.k8s.io/v1\n      command: false\n"
                    "      installHint: install the thing\ncontexts:\n- name: c\n  context: "
                    "{cluster: t, user: u}\n"
                    "current-context: c\n");
  try {
    Client::connect({cfg, "", ""}).get(apps_path);
    FAIL();
  } catch (const sparkctl::Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("exec plugin false failed with exit code 1"), std::string::npos) << what;
    EXPECT_NE(what.find("install the thing"), std::string::npos) << what;
  }
}
