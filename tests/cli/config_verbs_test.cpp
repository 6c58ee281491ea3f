// `sparkctl jobs`, `config show` and `config get`, run in-process through
// the top level: every origin of a value, secrets masked, and each kind of
// bad input on one line with exit code 2.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "in_process.hpp"
#include "temp_dir.hpp"

using sparkctl::testing::CommandOptions;

namespace {

// Runs with no ambient config: neither the developer's environment nor the
// repository's config/conf.yaml leaks into what the test sees.
CommandOptions isolated(std::map<std::string, std::string> env = {}) {
  CommandOptions options;
  options.env = std::move(env);
  options.unset_env = {"SPARKCTL_CONFIG", "SPARKCTL_REMOTE", "SPARKCTL_JOBS_PI_PARTITIONS"};
  return options;
}

// In a folder of the test process's own, removed when it exits.
std::string write_config(const std::string& name, const std::string& yaml) {
  static const sparkctl::testing::TempDir folder;
  return folder.write(name + ".yaml", yaml);
}

int count_lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

using sparkctl::testing::run_in_process;

TEST(Cli, JobsListsEveryJobWithTypedArguments) {
  auto result = run_in_process({"jobs"}, isolated());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* job : {"pi:", "cloud_etl:", "interactive:"}) {
    EXPECT_NE(result.out.find(job), std::string::npos) << job;
  }
  EXPECT_NE(result.out.find("partitions   integer   10"), std::string::npos) << result.out;
}

TEST(Cli, JobsAsJson) {
  auto result = run_in_process({"jobs", "-o", "json"}, isolated());
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("\"name\": \"partitions\""), std::string::npos);
  EXPECT_NE(result.out.find("\"accepts\": \"an integer from 1 to 100000\""), std::string::npos);
}

TEST(Cli, ConfigShowNamesEveryOrigin) {
  auto path = write_config("origins", "spark:\n  master: local[3]\n");
  auto result = run_in_process(
      {"--config", path, "config", "show", "--job", "pi", "--job-args", "message=hi"},
      isolated({{"SPARKCTL_JOBS_PI_PARTITIONS", "7"}}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("local[3]"), std::string::npos);
  EXPECT_NE(result.out.find(path + ":2"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("env SPARKCTL_JOBS_PI_PARTITIONS"), std::string::npos);
  EXPECT_NE(result.out.find("flag --job-args message"), std::string::npos);
  EXPECT_NE(result.out.find("default"), std::string::npos);
  EXPECT_EQ(result.out.find("jobs.cloud_etl"), std::string::npos)
      << "--job pi shows only pi's arguments";
}

TEST(Cli, ConfigShowMasksSecrets) {
  auto path = write_config("secret", "storage:\n  s3:\n    secret_key: hunter2-secret\n");
  for (const char* format : {"table", "json", "yaml"}) {
    auto result = run_in_process({"--config", path, "config", "show", "-o", format},
                                 isolated({{"SPARKCTL_STORAGE_S3_ACCESS_KEY", "AKIA-leak-check"}}));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find("hunter2-secret"), std::string::npos) << format;
    EXPECT_EQ(result.out.find("AKIA-leak-check"), std::string::npos) << format;
    EXPECT_NE(result.out.find("****"), std::string::npos) << format;
  }
}

TEST(Cli, ConfigShowYamlReadsBackAsConfig) {
  auto shown = run_in_process({"config", "show", "-o", "yaml", "--set", "spark.master=local[5]"},
                              isolated());
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto path = write_config("roundtrip", shown.out);
  auto again = run_in_process({"--config", path, "config", "show", "-o", "json"}, isolated());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("local[5]"), std::string::npos);
}

// `config get`: one bare value for scripts (the image build reads
// spark.version), never a secret.
TEST(Cli, ConfigGetPrintsOneValue) {
  auto path = write_config("get",
                           "spark:\n  version: 4.3.0\nkubernetes:\n  driver:\n    "
                           "memory: 768m\n");
  auto version = run_in_process({"--config", path, "config", "get", "spark.version"}, isolated());
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, "4.3.0\n");
  auto memory = run_in_process({"--config", path, "config", "get", "kubernetes.driver.memory"},
                               isolated({{"SPARKCTL_KUBERNETES_DRIVER_MEMORY", "1g"}}));
  EXPECT_EQ(memory.out, "1g\n");  // the merged value: the environment wins over the file
  auto job_arg = run_in_process({"config", "get", "jobs.pi.partitions"}, isolated());
  EXPECT_EQ(job_arg.out, "10\n");
}

TEST(Cli, DurationsPrintInOneCanonicalForm) {
  auto path = write_config("durations", "kubernetes:\n  wait_timeout: 5400\n");
  auto from_file =
      run_in_process({"--config", path, "config", "get", "kubernetes.wait_timeout"}, isolated());
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, "1h30m\n");
  auto from_env = run_in_process({"config", "get", "kubernetes.pending_timeout"},
                                 isolated({{"SPARKCTL_KUBERNETES_PENDING_TIMEOUT", "90"}}));
  EXPECT_EQ(from_env.out, "1m30s\n");
  auto from_set = run_in_process(
      {"--set", "spark.startup_timeout=120s", "config", "get", "spark.startup_timeout"},
      isolated());
  EXPECT_EQ(from_set.out, "2m\n");
  auto job_arg = run_in_process({"config", "get", "jobs.interactive.idle_timeout"}, isolated());
  EXPECT_EQ(job_arg.out, "30m\n");
  for (const char* format : {"table", "json", "yaml"}) {
    auto show = run_in_process({"--config", path, "config", "show", "-o", format}, isolated());
    ASSERT_EQ(show.exit_code, 0) << show.err;
    EXPECT_NE(show.out.find("1h30m"), std::string::npos) << format << "\n" << show.out;
    EXPECT_EQ(show.out.find("5400"), std::string::npos) << format;
  }
}

struct BadInput {
  const char* name;
  std::vector<std::string> args;
  std::string yaml;  // written to a config file when not empty
  std::map<std::string, std::string> env;
  std::string expected;  // the whole error line after "sparkctl: error: "
};

// Names the case in gtest's output instead of dumping the struct's bytes.
void PrintTo(const BadInput& input, std::ostream* out) { *out << input.name; }

class CliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(CliBadInput, OneLineAndExitCodeTwo) {
  const auto& input = GetParam();
  std::vector<std::string> args;
  std::string path;
  if (!input.yaml.empty()) {
    path = write_config(input.name, input.yaml);
    args = {"--config", path};
  }
  args.insert(args.end(), input.args.begin(), input.args.end());
  auto result = run_in_process(args, isolated(input.env));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  std::string expected = input.expected;
  if (auto pos = expected.find("$FILE"); pos != std::string::npos) expected.replace(pos, 5, path);
  EXPECT_EQ(result.err, "sparkctl: error: " + expected + "\n");
  EXPECT_EQ(count_lines(result.err), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Errors, CliBadInput,
    ::testing::Values(
        BadInput{"unknown_key",
                 {"config", "show"},
                 "spark:\n  mastr: x\n",
                 {},
                 "$FILE:2:3: unknown key 'spark.mastr' (did you mean 'spark.master'?)"},
        BadInput{
            "wrong_type",
            {"config", "show"},
            "jobs:\n  pi:\n    partitions: ten\n",
            {},
            "$FILE:3:17: jobs.pi.partitions: expected an integer from 1 to 100000, got \"ten\""},
        BadInput{"malformed",
                 {"config", "show"},
                 "spark: [\n",
                 {},
                 "$FILE:2:1: malformed YAML: end of sequence flow not found"},
        BadInput{"unknown_job",
                 {"config", "show", "--job", "pie"},
                 "",
                 {},
                 "unknown job 'pie' (did you mean 'pi'?); known jobs: cloud_etl, interactive, pi, "
                 "survival_report"},
        BadInput{
            "unknown_job_arg",
            {"config", "show", "--job", "pi", "--job-args", "partitons=3"},
            "",
            {},
            "--job-args: job 'pi' has no argument 'partitons' (did you mean 'partitions'?); valid: "
            "partitions, message"},
        BadInput{"no_equals",
                 {"config", "show", "--job", "pi", "--job-args", "partitions"},
                 "",
                 {},
                 "--job-args: expected key=value, got \"partitions\""},
        BadInput{"out_of_range",
                 {"config", "show", "--job", "pi", "--job-args", "partitions=0"},
                 "",
                 {},
                 "--job-args partitions jobs.pi.partitions: expected an integer from 1 to 100000, "
                 "got 0 (out "
                 "of range)"},
        BadInput{"bad_env",
                 {"config", "show"},
                 "",
                 {{"SPARKCTL_KUBERNETES_EXECUTOR_INSTANCES", "two"}},
                 "environment variable SPARKCTL_KUBERNETES_EXECUTOR_INSTANCES "
                 "(kubernetes.executor.instances): "
                 "expected an integer from 1 to 10000, got \"two\""},
        BadInput{"bad_remote",
                 {"config", "show", "--set", "spark.remote=http://x"},
                 "",
                 {},
                 "--set spark.remote spark.remote: expected a Spark Connect URL sc://host:port, "
                 "got \"http://x\""},
        BadInput{"cpu_quantity",
                 {"config", "show"},
                 "kubernetes:\n  driver:\n    core_request: half\n",
                 {},
                 "$FILE:3:19: kubernetes.driver.core_request: expected a Kubernetes CPU quantity "
                 "such as 300m, 0.5 or 2 (empty: not set), got \"half\""},
        BadInput{"spark_memory_as_pod_limit",
                 {"config", "show", "--set", "kubernetes.executor.memory_limit=1g"},
                 "",
                 {},
                 "--set kubernetes.executor.memory_limit kubernetes.executor.memory_limit: "
                 "expected a Kubernetes memory quantity such as 896Mi or 2Gi (bytes, Ki, Mi, Gi "
                 "or Ti; empty: not set), got \"1g\" (did you mean 1Gi?)"},
        BadInput{"config_get_secret",
                 {"config", "get", "storage.s3.secret_key"},
                 "",
                 {},
                 "storage.s3.secret_key is a secret: sparkctl never prints it"},
        BadInput{"config_get_unknown",
                 {"config", "get", "spark.verison"},
                 "",
                 {},
                 "unknown config key \"spark.verison\" (did you mean spark.version?)"},
        BadInput{"duplicate_key",
                 {"config", "show"},
                 "spark:\n  master: local[1]\n  master: local[2]\n",
                 {},
                 "$FILE:3:3: duplicate key 'spark.master' (first on line 2)"},
        BadInput{"config_is_a_directory",
                 {"--config", "/", "config", "show"},
                 "",
                 {},
                 "cannot read config file /: it is a directory"},
        BadInput{"duration_in_file",
                 {"config", "show"},
                 "kubernetes:\n  wait_timeout: 1d\n",
                 {},
                 "$FILE:2:17: kubernetes.wait_timeout: expected a duration such as 90, 90s, 5m or "
                 "1h30m, got \"1d\""},
        BadInput{"duration_in_environment",
                 {"config", "show"},
                 "",
                 {{"SPARKCTL_SPARK_STARTUP_TIMEOUT", "1s"}},
                 "environment variable SPARKCTL_SPARK_STARTUP_TIMEOUT (spark.startup_timeout): "
                 "expected a duration from 5s to 1h (such as 90, 90s, 5m or 1h30m), got 1s (out "
                 "of range)"},
        BadInput{"duration_in_set",
                 {"--set", "kubernetes.pending_timeout=5 minutes", "config", "show"},
                 "",
                 {},
                 "--set kubernetes.pending_timeout kubernetes.pending_timeout: expected a "
                 "duration such as 90, 90s, 5m or 1h30m, got \"5 minutes\""},
        // Time-span flags fail while the command line is parsed, before any connection.
        BadInput{"wait_timeout_flag",
                 {"wait", "pi-1", "--timeout", "soon"},
                 "",
                 {},
                 "--timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"soon\""},
        BadInput{"submit_pending_timeout_flag",
                 {"submit", "--job", "pi", "--wait", "--pending-timeout", "0"},
                 "",
                 {},
                 "--pending-timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"0\" "
                 "(it must be more than 0)"},
        BadInput{"delete_timeout_flag",
                 {"delete", "pi-1", "--wait", "--timeout", "1h30"},
                 "",
                 {},
                 "--timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"1h30\""},
        BadInput{"run_now_timeout_flag",
                 {"schedule", "run-now", "nightly", "--wait", "--timeout", "-1"},
                 "",
                 {},
                 "--timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"-1\""},
        BadInput{"doctor_pod_timeout_flag",
                 {"doctor", "--pod-timeout", "2 m"},
                 "",
                 {},
                 "--pod-timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"2 m\""},
        BadInput{"server_startup_timeout_flag",
                 {"server", "start", "--startup-timeout", "1.5m"},
                 "",
                 {},
                 "--startup-timeout: expected a duration such as 90, 90s, 5m or 1h30m, got "
                 "\"1.5m\""},
        BadInput{"server_startup_timeout_range",
                 {"server", "start", "--startup-timeout", "2h"},
                 "",
                 {},
                 "--startup-timeout spark.startup_timeout: expected a duration from 5s to 1h (such "
                 "as 90, 90s, 5m or 1h30m), got 2h (out of range)"},
        BadInput{"missing_file",
                 {"--config", "/nonexistent.yaml", "config", "show"},
                 "",
                 {},
                 "config file not found: /nonexistent.yaml"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
