// `sparkctl run --job cloud_etl` end to end through the real binary: a
// local CSV and titanic.csv in a real S3 store (S3Proxy on loopback),
// Parquet out, read back with the C++ Spark Connect API. All runs share
// one warm Spark Connect server (fixture jobs_stores, see CMakeLists.txt);
// WarmServer.Starts is the fixture's setup step.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "command_runner.hpp"
#include "in_process.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/dataframe_reader.hpp"
#include "sparkctl/connect/runtime_config.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/server_state.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::jobs {
namespace {

namespace fs = std::filesystem;
using testing::CommandOptions;
using testing::CommandResult;

const std::vector<std::string> titanic_columns = {"PassengerId", "Survived", "Pclass", "Name",
                                                  "Sex",         "Age",      "SibSp",  "Parch",
                                                  "Ticket",      "Fare",     "Cabin",  "Embarked"};

// The store's endpoint and keys, as `scripts/s3-server.sh up` wrote them.
struct S3Store {
  std::map<std::string, std::string> vars;  // SPARKCTL_TEST_S3_*
  const std::string& get(const std::string& name) const {
    return vars.at("SPARKCTL_TEST_S3_" + name);
  }
  std::string uri(const std::string& key) const { return "s3a://" + get("BUCKET") + "/" + key; }
};

const S3Store& s3_store() {
  static const S3Store store = [] {
    S3Store s;
    std::ifstream env(std::string(TEST_S3_STATE_DIR) + "/env");
    for (std::string line; std::getline(env, line);) {
      if (!strings::starts_with(line, "export ")) continue;
      const auto eq = line.find('=');
      s.vars[line.substr(7, eq - 7)] = line.substr(eq + 1);
    }
    return s;
  }();
  return store;
}

std::string output_dir() {
  fs::create_directories(TEST_OUTPUT_DIR);
  return TEST_OUTPUT_DIR;
}

CommandOptions sparkctl_env(std::map<std::string, std::string> extra = {}) {
  CommandOptions options;
  options.env = std::move(extra);
  options.env["SPARKCTL_STATE_DIR"] = TEST_SPARK_STATE_DIR;
  options.unset_env = {"SPARKCTL_REMOTE", "SPARKCTL_SPARK_REMOTE", "AWS_ACCESS_KEY_ID",
                       "AWS_SECRET_ACCESS_KEY"};
  return options;
}

// Credentials as a user gives them: SPARKCTL_STORAGE_S3_* variables.
CommandOptions s3_env(const std::string& secret, const std::string& endpoint = "") {
  const auto& s3 = s3_store();
  return sparkctl_env(
      {{"SPARKCTL_STORAGE_S3_ENDPOINT", endpoint.empty() ? s3.get("ENDPOINT") : endpoint},
       {"SPARKCTL_STORAGE_S3_ACCESS_KEY", s3.get("ACCESS_KEY")},
       {"SPARKCTL_STORAGE_S3_SECRET_KEY", secret},
       {"SPARKCTL_STORAGE_S3_REGION", s3.get("REGION")}});
}

CommandResult cloud_etl(const std::string& input, const std::string& output,
                        const CommandOptions& options) {
  std::vector<std::string> args = {"run", "--job", "cloud_etl", "--job-args"};
  if (!input.empty()) args.push_back("input=" + input);
  args.push_back("output=" + output);
  const auto begin = std::chrono::steady_clock::now();
  auto result = testing::run_in_process(args, options);
  std::printf("cloud_etl %s -> %s: exit %d in %.1fs\n",
              input.empty() ? "(default input)" : input.c_str(), output.c_str(), result.exit_code,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// What a Parquet output holds, read on the warm server in a session of its own.
struct ParquetContents {
  std::int64_t rows = -1;
  std::vector<std::string> columns;
};

ParquetContents read_parquet(const std::string& uri) {
  ::setenv("SPARKCTL_STATE_DIR", TEST_SPARK_STATE_DIR, 1);
  const auto warm = runtime::live_server();
  if (!warm) throw std::runtime_error("no warm server in " TEST_SPARK_STATE_DIR);
  auto spark = connect::Session::open(warm->remote());
  if (strings::starts_with(uri, "s3a://")) {
    const auto& s3 = s3_store();
    static const auto schema = config::built_in_schema();
    config::LoadRequest request;
    request.search_default_locations = false;
    request.overrides = {{"storage.s3.endpoint", s3.get("ENDPOINT"), "test"},
                         {"storage.s3.access_key", s3.get("ACCESS_KEY"), "test"},
                         {"storage.s3.secret_key", s3.get("SECRET_KEY"), "test"}};
    const auto conf = spark.conf();
    for (const auto& [key, value] :
         storage::connector_settings(storage::Scheme::s3a, config::load(schema, request))) {
      conf.set(key, value);
    }
  }
  const auto parquet = spark.read().format("parquet").load(uri);
  ParquetContents contents;
  contents.rows = parquet.count();
  for (const auto& field : parquet.schema()) contents.columns.push_back(field.name);
  spark.close();
  return contents;
}

void expect_titanic(const std::string& uri) {
  const auto contents = read_parquet(uri);
  EXPECT_EQ(contents.rows, 891) << uri;
  EXPECT_EQ(contents.columns, titanic_columns) << uri;
}

void expect_etl_output(const CommandResult& result, const std::string& input,
                       const std::string& output) {
  EXPECT_NE(result.out.find("Read 891 rows from " + input), std::string::npos) << result.out;
  // describe(): Age has 714 values with mean 29.699...
  const auto count_row = result.out.find("|count  |891");
  ASSERT_NE(count_row, std::string::npos) << result.out;
  EXPECT_NE(result.out.find("714", count_row), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("|mean   |446.0"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("29.69911764705882"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Wrote 891 rows to " + output), std::string::npos) << result.out;
}

// The secret must not reach the user's terminal or any log file.
void expect_secret_hidden(const std::string& secret, const std::vector<CommandResult>& results) {
  for (const auto& result : results) {
    EXPECT_EQ(result.out.find(secret), std::string::npos) << "secret in stdout";
    EXPECT_EQ(result.err.find(secret), std::string::npos) << "secret in stderr";
  }
  for (const auto& entry : fs::recursive_directory_iterator(TEST_SPARK_STATE_DIR)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream file(entry.path());
    const std::string text((std::istreambuf_iterator<char>(file)),
                           std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find(secret), std::string::npos) << "secret in " << entry.path();
  }
}

// Fixture set-up: a warm server with the s3a connector, so that every run
// below reuses it instead of starting a JVM.
TEST(WarmServer, Starts) {
  std::string jars;
  for (const auto& jar :
       storage::connector_jars(storage::Scheme::s3a, storage::default_jar_dir())) {
    jars += (jars.empty() ? "" : ",") + jar;
  }
  const auto begin = std::chrono::steady_clock::now();
  const auto started = testing::run_sparkctl({"server", "start", "--jars", jars}, sparkctl_env());
  ASSERT_EQ(started.exit_code, 0) << started.err;
  std::printf("sparkctl server start (with the s3a jars): %.1fs\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
}

TEST(CloudEtlLocal, DefaultInputFromTheProjectRoot) {
  const auto output = output_dir() + "/local.parquet";
  const auto result = cloud_etl("", output, sparkctl_env());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_etl_output(result, fs::path(TEST_TITANIC_CSV).lexically_normal().string(), output);
  expect_titanic(output);
}

TEST(CloudEtlLocal, MissingOrMalformedInputFailsAndKeepsTheOutput) {
  const auto output = output_dir() + "/kept.parquet";
  ASSERT_EQ(cloud_etl(TEST_TITANIC_CSV, output, sparkctl_env()).exit_code, 0);

  const auto missing = cloud_etl("/nonexistent/titanic.csv", output, sparkctl_env());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(lines_of(missing.err).back(),
            "sparkctl: error: cloud_etl: cannot read /nonexistent/titanic.csv: no such file")
      << missing.err;

  const auto malformed_csv = output_dir() + "/malformed.csv";
  std::ofstream(malformed_csv) << "a,b,c\n1,2,3\n4,5\n\"6,7,8\n";
  const auto malformed = cloud_etl(malformed_csv, output, sparkctl_env());
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_EQ(lines_of(malformed.err).back(),
            "sparkctl: error: cloud_etl: cannot read " + malformed_csv +
                ": not valid CSV: a malformed record (mode FAILFAST)")
      << malformed.err;
  expect_titanic(output);
}

TEST(CloudEtlS3, ReadsDescribesAndOverwritesParquet) {
  const auto& s3 = s3_store();
  const auto input = s3.uri("titanic.csv");
  const auto output = s3.uri("out/titanic.parquet");
  const auto first = cloud_etl(input, output, s3_env(s3.get("SECRET_KEY")));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  expect_etl_output(first, input, output);
  expect_titanic(output);

  const auto second = cloud_etl(input, output, s3_env(s3.get("SECRET_KEY")));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  expect_etl_output(second, input, output);
  expect_titanic(output);
  expect_secret_hidden(s3.get("SECRET_KEY"), {first, second});
}

TEST(CloudEtlS3, WrongSecretFailsInOneLineAndKeepsTheOutput) {
  const auto& s3 = s3_store();
  const auto input = s3.uri("titanic.csv");
  const auto output = s3.uri("out/kept.parquet");
  const auto good = cloud_etl(input, output, s3_env(s3.get("SECRET_KEY")));
  ASSERT_EQ(good.exit_code, 0) << good.err;

  const std::string wrong = "wrong-secret-0123456789abcdef";
  const auto bad = cloud_etl(input, output, s3_env(wrong));
  EXPECT_EQ(bad.exit_code, 1);
  const auto lines = lines_of(bad.err);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(),
            "sparkctl: error: cloud_etl: cannot read " + input + ": access denied (403)")
      << bad.err;
  EXPECT_EQ(bad.err.find("\tat "), std::string::npos) << "stack trace: " << bad.err;
  expect_titanic(output);
  expect_secret_hidden(s3.get("SECRET_KEY"), {good, bad});
  expect_secret_hidden(wrong, {bad});
}

TEST(CloudEtlS3, UnreachableEndpointFailsInOneLine) {
  const auto& s3 = s3_store();
  const auto input = s3.uri("titanic.csv");
  // Port 9 (discard) on loopback: nothing listens there.
  const auto bad = cloud_etl(input, s3.uri("out/unreachable.parquet"),
                             s3_env(s3.get("SECRET_KEY"), "http://127.0.0.1:9"));
  EXPECT_EQ(bad.exit_code, 1);
  const auto lines = lines_of(bad.err);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "sparkctl: error: cloud_etl: cannot read " + input +
                              ": cannot connect to the endpoint: connection refused")
      << bad.err;
}

}  // namespace
}  // namespace sparkctl::jobs
