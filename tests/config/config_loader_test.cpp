// Precedence, origins and every kind of bad input, through config::load
// with real files and real environment variables.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/core/error.hpp"

using namespace sparkctl;
using namespace sparkctl::config;

namespace {

Schema test_schema() {
  auto schema = built_in_schema();
  Item partitions{"jobs.pi.partitions", ValueType::integer, "10", "partitions"};
  partitions.min = 1;
  partitions.max = 100000;
  schema.add(partitions);
  schema.add(Item{"jobs.pi.message", ValueType::string, "", "message"});
  return schema;
}

class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_.c_str()); }

 private:
  std::string name_;
};

class ConfigLoader : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("SPARKCTL_CONFIG");
    path_ = ::testing::TempDir() + "conf-" + std::to_string(::getpid()) + ".yaml";
  }
  void TearDown() override { std::remove(path_.c_str()); }

  void write(const std::string& yaml) { std::ofstream(path_) << yaml; }

  Config load_with(std::vector<Override> overrides = {}, bool with_file = true) {
    LoadRequest request;
    request.search_default_locations = false;
    if (with_file) request.config_path = path_;
    request.overrides = std::move(overrides);
    return load(schema_, request);
  }

  std::string error_of(std::vector<Override> overrides = {}) {
    try {
      load_with(std::move(overrides));
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), sparkctl::ErrorKind::usage);
      return e.what();
    }
    return "(no error)";
  }

  Schema schema_ = test_schema();
  std::string path_;
};

TEST_F(ConfigLoader, BuiltInDefaultsWhenNothingElseIsSet) {
  auto config = load_with({}, false);
  EXPECT_EQ(config.get_string("spark.master"), "local[*]");
  EXPECT_EQ(config.get_int("jobs.pi.partitions"), 10);
  EXPECT_EQ(config.origin("spark.master").describe(), "default");
  EXPECT_EQ(config.file_path(), "");
}

TEST_F(ConfigLoader, FileOverridesDefaultAndNamesItsLine) {
  write("spark:\n  master: local[2]\njobs:\n  pi:\n    partitions: 20\n");
  auto config = load_with();
  EXPECT_EQ(config.get_string("spark.master"), "local[2]");
  EXPECT_EQ(config.get_int("jobs.pi.partitions"), 20);
  EXPECT_EQ(config.origin("jobs.pi.partitions").describe(), path_ + ":5");
  EXPECT_EQ(config.origin("spark.app_name").describe(), "default");
}

TEST_F(ConfigLoader, EnvironmentOverridesFile) {
  write("jobs:\n  pi:\n    partitions: 20\n");
  ScopedEnv env("SPARKCTL_JOBS_PI_PARTITIONS", "30");
  auto config = load_with();
  EXPECT_EQ(config.get_int("jobs.pi.partitions"), 30);
  EXPECT_EQ(config.origin("jobs.pi.partitions").describe(), "env SPARKCTL_JOBS_PI_PARTITIONS");
}

TEST_F(ConfigLoader, CommandLineOverridesEnvironment) {
  write("jobs:\n  pi:\n    partitions: 20\n");
  ScopedEnv env("SPARKCTL_JOBS_PI_PARTITIONS", "30");
  auto config = load_with({{"jobs.pi.partitions", "40", "--job-args partitions"}});
  EXPECT_EQ(config.get_int("jobs.pi.partitions"), 40);
  EXPECT_EQ(config.origin("jobs.pi.partitions").describe(), "flag --job-args partitions");
}

TEST_F(ConfigLoader, AliasVariableAndFullNameWins) {
  write("");
  {
    ScopedEnv alias("SPARKCTL_REMOTE", "sc://a:1");
    EXPECT_EQ(load_with().get_string("spark.remote"), "sc://a:1");
    ScopedEnv full("SPARKCTL_SPARK_REMOTE", "sc://b:2");
    auto config = load_with();
    EXPECT_EQ(config.get_string("spark.remote"), "sc://b:2");
    EXPECT_EQ(config.origin("spark.remote").describe(), "env SPARKCTL_SPARK_REMOTE");
  }
}

TEST_F(ConfigLoader, MapsFromFileAndEnvironment) {
  write(
      "spark:\n  conf:\n    spark.sql.shuffle.partitions: \"4\"\nkubernetes:\n  labels:\n    team: "
      "data\n");
  auto config = load_with();
  EXPECT_EQ(config.get_map("spark.conf").at("spark.sql.shuffle.partitions"), "4");
  EXPECT_EQ(config.get_map("kubernetes.labels").at("team"), "data");
  ScopedEnv env("SPARKCTL_KUBERNETES_LABELS", "a=1,b=2");
  EXPECT_EQ(load_with().get_map("kubernetes.labels").size(), 2u);
}

TEST_F(ConfigLoader, UnknownKeySuggestsTheClosest) {
  write("jobs:\n  pi:\n    partitons: 10\n");
  EXPECT_EQ(error_of(),
            path_ + ":3:5: unknown key 'jobs.pi.partitons' (did you mean 'jobs.pi.partitions'?)");
}

TEST_F(ConfigLoader, UnknownSectionIsReported) {
  write("sprak:\n  master: x\n");
  EXPECT_EQ(error_of(), path_ + ":1:1: unknown key 'sprak' (did you mean 'spark'?)");
}

TEST_F(ConfigLoader, WrongTypeNamesKeyFileLineColumnAndExpectation) {
  write("jobs:\n  pi:\n    partitions: ten\n");
  EXPECT_EQ(error_of(),
            path_ + ":3:17: jobs.pi.partitions: expected an integer from 1 to 100000, got \"ten\"");
}

TEST_F(ConfigLoader, OutOfRangeNumber) {
  write("jobs:\n  pi:\n    partitions: 0\n");
  EXPECT_EQ(
      error_of(),
      path_ +
          ":3:17: jobs.pi.partitions: expected an integer from 1 to 100000, got 0 (out of range)");
}

TEST_F(ConfigLoader, DurationsFromFileEnvironmentAndCommandLine) {
  using std::chrono::seconds;
  auto defaults = load_with({}, false);
  EXPECT_EQ(defaults.get_duration("kubernetes.wait_timeout"), seconds(3600));
  EXPECT_EQ(defaults.get_duration("kubernetes.pending_timeout"), seconds(300));
  EXPECT_EQ(defaults.get_duration("spark.startup_timeout"), seconds(180));
  // A YAML integer stays plain seconds; a string takes units.
  write(
      "kubernetes:\n  wait_timeout: 600\n  pending_timeout: 1m30s\nspark:\n  startup_timeout: "
      "\"90\"\n");
  auto config = load_with();
  EXPECT_EQ(config.get_duration("kubernetes.wait_timeout"), seconds(600));
  EXPECT_EQ(config.get_duration("kubernetes.pending_timeout"), seconds(90));
  EXPECT_EQ(config.get_duration("spark.startup_timeout"), seconds(90));
  EXPECT_EQ(config.origin("kubernetes.pending_timeout").describe(), path_ + ":3");
  ScopedEnv env("SPARKCTL_KUBERNETES_WAIT_TIMEOUT", "2h");
  EXPECT_EQ(load_with().get_duration("kubernetes.wait_timeout"), seconds(7200));
  auto flagged = load_with({{"kubernetes.wait_timeout", "1h30m", "--set kubernetes.wait_timeout"}});
  EXPECT_EQ(flagged.get_duration("kubernetes.wait_timeout"), seconds(5400));
  EXPECT_EQ(flagged.origin("kubernetes.wait_timeout").describe(),
            "flag --set kubernetes.wait_timeout");
}

TEST_F(ConfigLoader, BadDurationsNameTheirPlace) {
  write("kubernetes:\n  namespace: spark\n  wait_timeout: soon\n");
  EXPECT_EQ(error_of(), path_ +
                            ":3:17: kubernetes.wait_timeout: expected a duration such as 90, 90s, "
                            "5m or 1h30m, got \"soon\"");
  write("kubernetes:\n  pending_timeout: 0\n");
  EXPECT_EQ(error_of(), path_ +
                            ":2:20: kubernetes.pending_timeout: expected a duration such as 90, "
                            "90s, 5m or 1h30m, got \"0\" (it must be more than 0)");
  write("spark:\n  startup_timeout: 2h\n");
  EXPECT_EQ(error_of(), path_ +
                            ":2:20: spark.startup_timeout: expected a duration from 5s to 1h (such "
                            "as 90, 90s, 5m or 1h30m), got 2h (out of range)");
  write("");
  {
    ScopedEnv env("SPARKCTL_KUBERNETES_WAIT_TIMEOUT", "-5m");
    EXPECT_EQ(error_of(),
              "environment variable SPARKCTL_KUBERNETES_WAIT_TIMEOUT (kubernetes.wait_timeout): "
              "expected a duration such as 90, 90s, 5m or 1h30m, got \"-5m\"");
  }
  EXPECT_EQ(error_of({{"kubernetes.wait_timeout", "99999999999h", "--set"}}),
            "--set kubernetes.wait_timeout: expected a duration such as 90, 90s, 5m or 1h30m, got "
            "\"99999999999h\" (more than 87600h)");
}

TEST_F(ConfigLoader, MalformedYamlGivesItsPlace) {
  write("spark:\n  master: [local\n");
  auto message = error_of();
  EXPECT_EQ(message.rfind(path_ + ":", 0), 0u) << message;
  EXPECT_NE(message.find("malformed YAML"), std::string::npos) << message;
}

TEST_F(ConfigLoader, BadChoiceSuggests) {
  write("kubernetes:\n  image_pull_policy: IfNotPresnt\n");
  EXPECT_EQ(error_of(),
            path_ +
                ":2:22: kubernetes.image_pull_policy: expected one of Always, "
                "IfNotPresent, Never, got \"IfNotPresnt\" (did you mean IfNotPresent?)");
}

TEST_F(ConfigLoader, SparkConfKeysMustBeSparkSettings) {
  write("spark:\n  conf:\n    sql.shuffle: 1\n");
  EXPECT_EQ(error_of(), path_ + ":3:5: spark.conf: key \"sql.shuffle\" must start with 'spark.'");
}

TEST_F(ConfigLoader, VolumeSpecIsChecked) {
  write("kubernetes:\n  volumes:\n    data: /mnt/data\n");
  EXPECT_EQ(error_of(), path_ +
                            ":3:5: kubernetes.volumes: expected kind:source:/mount/path with kind "
                            "hostPath, emptyDir, configMap or pvc, got \"/mnt/data\"");
}

TEST_F(ConfigLoader, SectionWhereAValueIsExpected) {
  write("spark:\n  master:\n    a: b\n");
  EXPECT_EQ(error_of(), path_ + ":3:5: spark.master: expected a string, got a mapping");
}

TEST_F(ConfigLoader, BadEnvironmentValueNamesTheVariable) {
  write("");
  ScopedEnv env("SPARKCTL_STORAGE_S3_PATH_STYLE", "ture");
  EXPECT_EQ(error_of(),
            "environment variable SPARKCTL_STORAGE_S3_PATH_STYLE (storage.s3.path_style): "
            "expected a boolean (true or false), got \"ture\" (did you mean true?)");
}

TEST_F(ConfigLoader, UnknownOverrideKey) {
  write("");
  EXPECT_EQ(error_of({{"spark.mastr", "x", "--set spark.mastr"}}),
            "--set spark.mastr: unknown config key 'spark.mastr' (did you mean 'spark.master'?)");
}

TEST_F(ConfigLoader, BadOverrideValue) {
  write("");
  EXPECT_EQ(error_of({{"jobs.pi.partitions", "ten", "--job-args partitions"}}),
            "--job-args partitions jobs.pi.partitions: expected an integer from 1 to 100000, got "
            "\"ten\"");
}

TEST_F(ConfigLoader, ExplicitConfigFileMustExist) {
  LoadRequest request;
  request.config_path = "/nonexistent/conf.yaml";
  try {
    load(schema_, request);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "config file not found: /nonexistent/conf.yaml");
  }
}

TEST_F(ConfigLoader, SecretsAreTyped) {
  write("storage:\n  s3:\n    secret_key: hunter2\n");
  auto config = load_with();
  EXPECT_EQ(config.get_string("storage.s3.secret_key"), "hunter2");
  EXPECT_EQ(schema_.find("storage.s3.secret_key")->type, ValueType::secret);
}

}  // namespace
