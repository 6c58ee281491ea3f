// What cloud_etl hands to Spark for each kind of location, and how storage
// failures read, without a Spark server: connector settings (gs:// from a
// key file, s3a:// from keys), location resolution, failure causes, and
// the secret masked by `sparkctl config show`.
#include <gtest/gtest.h>

#include "command_runner.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/failure.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::storage {
namespace {

config::Config config_with(std::vector<config::Override> overrides) {
  static const auto schema = config::built_in_schema();
  config::LoadRequest request;
  request.search_default_locations = false;
  request.overrides = std::move(overrides);
  return config::load(schema, request);
}

TEST(GcsSettings, KeyFileSelectsServiceAccountAuth) {
  const auto settings = connector_settings(
      Scheme::gs, config_with({{"storage.key_file", "/secrets/key.json", "--set"}}));
  EXPECT_EQ(settings.at("fs.gs.auth.type"), "SERVICE_ACCOUNT_JSON_KEYFILE");
  EXPECT_EQ(settings.at("fs.gs.auth.service.account.json.keyfile"), "/secrets/key.json");
  // Hadoop 3.5's "64m" default breaks Google's connector; it needs a number.
  EXPECT_EQ(settings.at("fs.gs.block.size"), "67108864");
  EXPECT_EQ(settings.at("fs.gs.impl"), "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem");
  EXPECT_EQ(settings.at("fs.AbstractFileSystem.gs.impl"),
            "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS");
  EXPECT_EQ(settings.count("fs.s3a.secret.key"), 0u);
}

TEST(GcsSettings, NoKeyFileLeavesAuthToTheConnector) {
  const auto settings = connector_settings(Scheme::gs, config_with({}));
  EXPECT_EQ(settings.count("fs.gs.auth.type"), 0u);
  EXPECT_EQ(settings.at("fs.gs.block.size"), "67108864");
}

TEST(GcsSettings, AnEndpointWithoutAKeyFileIsAnUnauthenticatedServer) {
  const auto settings = connector_settings(
      Scheme::gs, config_with({{"storage.gcs.endpoint", "http://127.0.0.1:4443", "--set"}}));
  EXPECT_EQ(settings.at("fs.gs.storage.root.url"), "http://127.0.0.1:4443/");
  EXPECT_EQ(settings.at("fs.gs.auth.type"), "UNAUTHENTICATED");
}

TEST(S3Settings, KeysEndpointAndPathStyle) {
  const auto settings = connector_settings(
      Scheme::s3a, config_with({{"storage.s3.endpoint", "http://127.0.0.1:9000", "--set"},
                                {"storage.s3.access_key", "AK", "--set"},
                                {"storage.s3.secret_key", "SK", "--set"},
                                {"storage.s3.region", "us-east-1", "--set"}}));
  EXPECT_EQ(settings.at("fs.s3a.endpoint"), "http://127.0.0.1:9000");
  EXPECT_EQ(settings.at("fs.s3a.connection.ssl.enabled"), "false");
  EXPECT_EQ(settings.at("fs.s3a.path.style.access"), "true");
  EXPECT_EQ(settings.at("fs.s3a.endpoint.region"), "us-east-1");
  EXPECT_EQ(settings.at("fs.s3a.access.key"), "AK");
  EXPECT_EQ(settings.at("fs.s3a.secret.key"), "SK");
  EXPECT_EQ(settings.at("fs.s3a.aws.credentials.provider"),
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
  EXPECT_EQ(settings.at("fs.s3a.impl.disable.cache"), "true");
}

TEST(S3Settings, LocalPathsNeedNothing) {
  EXPECT_TRUE(connector_settings(Scheme::local, config_with({})).empty());
  EXPECT_TRUE(connector_jars(Scheme::local, "/nonexistent").empty());
}

TEST(ConnectorJars, MissingJarNamesTheSetUpScript) {
  try {
    connector_jars(Scheme::gs, "/nonexistent");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("fetch-connector-jars.sh"), std::string::npos) << e.what();
  }
}

TEST(Location, ResolvesUrisBaseUrisAndRelativePaths) {
  EXPECT_EQ(resolve("", "s3://b/k.csv", "/root").uri, "s3a://b/k.csv");
  EXPECT_EQ(resolve("s3a://b/", "in/k.csv", "/root").uri, "s3a://b/in/k.csv");
  EXPECT_EQ(resolve("s3a://b", "in/k.csv", "/root").scheme, Scheme::s3a);
  EXPECT_EQ(resolve("gs://b", "k.csv", "/root").scheme, Scheme::gs);
  EXPECT_EQ(resolve("", "data/titanic.csv", "/work/main").uri, "/work/main/data/titanic.csv");
  EXPECT_EQ(resolve("", "../data/titanic.csv", "/work/main/config").uri,
            "/work/main/data/titanic.csv");
  EXPECT_EQ(resolve("", "file:///tmp/x.csv", "/root").uri, "/tmp/x.csv");
  EXPECT_EQ(resolve("/data", "x.csv", "/root").uri, "/data/x.csv");
  EXPECT_THROW(resolve("", "hdfs://nn/x", "/root"), Error);
  EXPECT_THROW(resolve("", "", "/root"), Error);
}

// The texts below are what Spark 4.3 / Hadoop 3.5 report (first lines).
TEST(FailureCause, NamesKnownCauses) {
  EXPECT_EQ(
      failure_cause("",
                    "java.nio.file.AccessDeniedException: s3a://b/titanic.csv: getFileStatus on "
                    "s3a://b/titanic.csv: software.amazon.awssdk.services.s3.model.S3Exception: "
                    "Forbidden (Service: S3, Status Code: 403, Request ID: null):null"),
      "access denied (403)");
  EXPECT_EQ(failure_cause("",
                          "...S3Exception: The request signature we calculated does not match "
                          "(Service: S3, Status Code: 403) SignatureDoesNotMatch"),
            "access denied: the secret key does not match (403)");
  EXPECT_EQ(failure_cause("PATH_NOT_FOUND",
                          "[PATH_NOT_FOUND] Path does not exist: file:/nope.csv. SQLSTATE: 42K03"),
            "no such file");
  EXPECT_EQ(failure_cause(
                "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
                "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected"),
            "not valid CSV: a malformed record (mode FAILFAST)");
  EXPECT_EQ(failure_cause("", "org.apache.hadoop.net.ConnectTimeoutException: connect timed out"),
            "cannot connect to the endpoint: timed out");
  EXPECT_EQ(failure_cause("", "java.net.ConnectException: Connection refused"),
            "cannot connect to the endpoint: connection refused");
}

TEST(FailureCause, UnknownTextBecomesOneShortLineWithoutJavaNames) {
  const auto cause = failure_cause(
      "", "java.io.IOException: something odd happened\n\tat org.Foo.bar(Foo.java:1)");
  EXPECT_EQ(cause, "something odd happened");
  const auto longer = failure_cause("", std::string(500, 'x'));
  EXPECT_LE(longer.size(), 200u);
  EXPECT_EQ(longer.find('\n'), std::string::npos);
}

TEST(ConfigShow, MasksTheS3Secret) {
  const std::string secret = "do-not-print-4f1b2c";
  const auto shown =
      testing::run_sparkctl({"config", "show"}, {{{"SPARKCTL_STORAGE_S3_SECRET_KEY", secret},
                                                  {"SPARKCTL_STORAGE_S3_ACCESS_KEY", "AKSHOWN"}}});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out.find(secret), std::string::npos);
  EXPECT_EQ(shown.err.find(secret), std::string::npos);
  EXPECT_NE(shown.out.find("storage.s3.secret_key"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("SPARKCTL_STORAGE_S3_SECRET_KEY"), std::string::npos) << shown.out;
  const auto json = testing::run_sparkctl({"config", "show", "-o", "json"},
                                          {{{"SPARKCTL_STORAGE_S3_SECRET_KEY", secret}}});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out.find(secret), std::string::npos);
}

}  // namespace
}  // namespace sparkctl::storage
