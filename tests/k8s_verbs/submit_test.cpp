// `sparkctl submit` against the real API server: what it creates is what
// `render` printed, dry runs create nothing, and each refusal (403, 409,
// 422, missing namespace) has its message and exit code.
#include <regex>

#include "verbs_support.hpp"

namespace verbs_test {
namespace {

class Submit : public ClusterTest {};

TEST_F(Submit, CreatesExactlyTheRenderedSpec) {
  const std::string app = name("roundtrip");
  Result rendered = run({"--config", config_, "render", "--job", "pi", "--job-args", "partitions=3",
                         "--name", app, "-o", "json"});
  ASSERT_EQ(rendered.code, 0) << rendered.err;
  Result submitted =
      sparkctl({"submit", "--job", "pi", "--job-args", "partitions=3", "--name", app});
  ASSERT_EQ(submitted.code, 0) << submitted.err;
  EXPECT_EQ(submitted.out, "sparkapplications.sparkoperator.k8s.io/" + app + " created\n");

  auto expected = nlohmann::json::parse(rendered.out);
  auto stored = admin().get(app_path(app));
  // Nothing was pruned or defaulted by the CRD's schema.
  EXPECT_EQ(stored["spec"], expected["spec"]);
  EXPECT_EQ(stored["metadata"]["labels"], expected["metadata"]["labels"]);
}

TEST_F(Submit, OutputNameGivesAGeneratedUniqueName) {
  Result r = sparkctl({"submit", "--job", "pi", "-o", "name"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::string app = r.out.substr(0, r.out.find('\n'));
  created_.push_back(app);
  EXPECT_TRUE(std::regex_match(app, std::regex("pi-[0-9]{8}-[0-9]{6}-[a-z0-9]{4}"))) << app;
  EXPECT_EQ(admin().get(app_path(app))["metadata"]["name"], app);
}

TEST_F(Submit, OutputJsonIsTheCreatedObject) {
  const std::string app = name();
  Result r = sparkctl({"submit", "--job", "pi", "--name", app, "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto created = nlohmann::json::parse(r.out);
  EXPECT_FALSE(created["metadata"].value("uid", "").empty());
}

TEST_F(Submit, DryRunServerCreatesNothing) {
  const std::string app = name("dryrun");
  Result r = sparkctl({"submit", "--job", "pi", "--name", app, "--dry-run=server"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("(server dry run)"), std::string::npos) << r.out;
  EXPECT_EQ(admin().request("GET", app_path(app), "", "").status, 404);
}

TEST_F(Submit, DryRunServerStillValidates) {
  Result r = sparkctl({"--set", "kubernetes.labels=-bad=x", "submit", "--job", "pi", "--name",
                       name(), "--dry-run=server"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("metadata.labels"), std::string::npos) << r.err;
}

TEST_F(Submit, ApplicationWithABadNameIsExit2BeforeItsFilesAreUploaded) {
  use_unreachable_store();
  const std::string script = scratch_.write("app.py", "print(1)\n");
  Result r = sparkctl({"submit", script, "--name", "Bad_Name"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("invalid application name \"Bad_Name\""), std::string::npos) << r.err;
}

TEST_F(Submit, ExistingNameIs409SuggestingReplace) {
  const std::string app = name();
  submit(app);
  Result r = sparkctl({"submit", "--job", "pi", "--name", app});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("SparkApplication \"" + app + "\" already exists in namespace \"spark\""),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--replace"), std::string::npos) << r.err;
}

TEST_F(Submit, ReplaceDeletesThenCreates) {
  const std::string app = name();
  submit(app);
  auto client = admin();
  const std::string old_uid = client.get(app_path(app))["metadata"]["uid"];
  Result r =
      sparkctl({"submit", "--job", "pi", "--name", app, "--replace", "--job-args", "partitions=9"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto now = client.get(app_path(app));
  EXPECT_NE(now["metadata"]["uid"], old_uid);
  EXPECT_EQ(now["spec"]["arguments"][3], "partitions=9");
}

TEST_F(Submit, InvalidFieldIs422ListingEachCause) {
  Result r = sparkctl(
      {"--set", "kubernetes.labels=-bad=x,also bad=y", "submit", "--job", "pi", "--name", name()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("rejected SparkApplication"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\n  - metadata.labels: Invalid value: \"-bad\""), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("\n  - metadata.labels: Invalid value: \"also bad\""), std::string::npos)
      << r.err;
}

TEST_F(Submit, ForbiddenIs403NamingVerbAndResource) {
  // viewer may only read sparkapplications in "default".
  Result r = sparkctl({"submit", "--job", "pi", "--name", name(), "-n", "default"}, "viewer");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("forbidden: not allowed to create sparkapplications.sparkoperator.k8s.io"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("in namespace \"default\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("User \"viewer\""), std::string::npos) << r.err;
}

TEST_F(Submit, ViewerCanReadButNotDelete) {
  Result list = sparkctl({"list", "-n", "default"}, "viewer");
  EXPECT_EQ(list.code, 0) << list.err;
  Result del = sparkctl({"delete", "whatever", "-n", "default"}, "viewer");
  EXPECT_EQ(del.code, 3);
  EXPECT_NE(
      del.err.find("not allowed to delete sparkapplications.sparkoperator.k8s.io \"whatever\""),
      std::string::npos)
      << del.err;
}

TEST_F(Submit, MissingNamespaceIsExplained) {
  Result r = sparkctl({"submit", "--job", "pi", "--name", name(), "-n", "no-such-namespace"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("namespace \"no-such-namespace\" does not exist"), std::string::npos)
      << r.err;
}

TEST_F(Submit, NoTokenOrKeyInOutputAtTraceLevel) {
  const std::string token = cluster_env("SPARKCTL_TEST_ADMIN_TOKEN");
  const std::string viewer_token = cluster_env("SPARKCTL_TEST_VIEWER_TOKEN");
  ASSERT_FALSE(token.empty());
  const std::string app = name("secret");
  std::vector<Result> results = {
      sparkctl({"-vv", "submit", "--job", "pi", "--name", app, "-o", "yaml"}),
      sparkctl({"-vv", "status", app, "-o", "json"}),
      sparkctl({"-vv", "list"}),
      sparkctl({"-vv", "submit", "--job", "pi", "--name", name(), "-n", "default"}, "viewer"),
      sparkctl({"-vv", "list"}, "admin-cert"),
  };
  for (const auto& r : results) {
    for (const auto& secret : {token, viewer_token}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
      EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
    }
    EXPECT_EQ(r.err.find("PRIVATE KEY"), std::string::npos) << r.err;
  }
  EXPECT_EQ(results[0].code, 0) << results[0].err;
  EXPECT_EQ(results[4].code, 0) << results[4].err;
}

// `submit --job interactive`: the token Secret and the Service come with
// the application and are owned by it; `delete` removes all three.
TEST_F(Submit, InteractiveSessionObjectsAreOwnedAndDeletedWithTheApplication) {
  const std::string app = name("session");
  const std::string objects = app + "-connect";
  Result r = sparkctl({"submit", "--job", "interactive", "--name", app});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "sparkapplications.sparkoperator.k8s.io/" + app + " created\nsecret/" + objects +
                       " created\nservice/" + objects +
                       " created\nOnce it runs: sparkctl shell --app " + app + "\n");
  auto client = admin();
  const auto uid = client.get(app_path(app))["metadata"]["uid"];
  for (const std::string resource : {"secrets", "services"}) {
    const auto object = client.get("/api/v1/namespaces/spark/" + resource + "/" + objects);
    ASSERT_EQ(object["metadata"]["ownerReferences"].size(), 1u) << resource;
    EXPECT_EQ(object["metadata"]["ownerReferences"][0]["uid"], uid) << resource;
    EXPECT_EQ(object["metadata"]["ownerReferences"][0]["kind"], "SparkApplication") << resource;
  }
  Result removed = sparkctl({"delete", app});
  ASSERT_EQ(removed.code, 0) << removed.err;
  EXPECT_EQ(removed.out, "sparkapplications.sparkoperator.k8s.io/" + app + " deleted\nservice/" +
                             objects + " deleted\nsecret/" + objects + " deleted\n");
  for (const std::string resource : {"secrets", "services"})
    EXPECT_EQ(client.request("GET", "/api/v1/namespaces/spark/" + resource + "/" + objects, "", "")
                  .status,
              404);
}

// A Service of that name that is not the application's: submit fails with
// the API server's reason and takes back what it made; delete leaves it be.
TEST_F(Submit, InteractiveSessionRollsBackWhenItsServiceCannotBeMade) {
  const std::string app = name("taken");
  const std::string objects = app + "-connect";
  auto client = admin();
  nlohmann::json service = {{"apiVersion", "v1"},
                            {"kind", "Service"},
                            {"metadata", {{"name", objects}}},
                            {"spec", {{"ports", {{{"port", 80}}}}}}};
  client.create("/api/v1/namespaces/spark/services", service);
  Result r = sparkctl({"submit", "--job", "interactive", "--name", app});
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(client.request("GET", app_path(app), "", "").status, 404);
  EXPECT_EQ(client.request("GET", "/api/v1/namespaces/spark/secrets/" + objects, "", "").status,
            404);
  Result removed = sparkctl({"delete", app});
  EXPECT_EQ(removed.code, 3) << removed.err;  // no such application
  EXPECT_EQ(client.request("GET", "/api/v1/namespaces/spark/services/" + objects, "", "").status,
            200);
  client.request("DELETE", "/api/v1/namespaces/spark/services/" + objects, "", "");
}

// --replace takes the old session's Secret and Service away too (no
// garbage collector runs here), so the new ones can be made: a new token.
TEST_F(Submit, InteractiveReplaceMakesANewToken) {
  const std::string app = name("session-again");
  const std::string secret_path = "/api/v1/namespaces/spark/secrets/" + app + "-connect";
  ASSERT_EQ(sparkctl({"submit", "--job", "interactive", "--name", app}).code, 0);
  auto client = admin();
  const auto first = client.get(secret_path)["data"]["token"];
  Result again = sparkctl({"submit", "--job", "interactive", "--name", app, "--replace"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(client.get(secret_path)["data"]["token"], first);
  sparkctl({"delete", app});
}

TEST_F(Submit, InteractiveDryRunCreatesNothing) {
  const std::string app = name("session-dry");
  Result r = sparkctl({"submit", "--job", "interactive", "--name", app, "--dry-run=server"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("service/" + app + "-connect created (server dry run)"), std::string::npos)
      << r.out;
  auto client = admin();
  EXPECT_EQ(client.request("GET", app_path(app), "", "").status, 404);
  EXPECT_EQ(
      client.request("GET", "/api/v1/namespaces/spark/secrets/" + app + "-connect", "", "").status,
      404);
}

}  // namespace
}  // namespace verbs_test
