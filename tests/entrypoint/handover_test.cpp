// `sparkctl entrypoint` through the built binary, where no Spark is
// needed: executors and other commands go to Spark's entrypoint unchanged,
// a driver without --job too, and a driver whose server dies is exit 3.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "command_runner.hpp"
#include "entrypoint_support.hpp"

namespace {

namespace fs = std::filesystem;
using sparkctl::entrypoint_test::slurp;
using sparkctl::entrypoint_test::TempDir;
using sparkctl::testing::CommandOptions;
using sparkctl::testing::run_sparkctl;

std::vector<std::string> recorded_argv(const fs::path& path) {
  const std::string text = slurp(path);
  std::vector<std::string> argv;
  std::string current;
  for (char c : text) {
    if (c == '\0') {
      argv.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return argv;
}

CommandOptions with_fake_entrypoint(const TempDir& dir,
                                    std::map<std::string, std::string> extra = {}) {
  CommandOptions options;
  options.env = {{"SPARKCTL_SPARK_ENTRYPOINT", FAKE_SPARK_ENTRYPOINT},
                 {"RECORD_ARGV", (dir.path() / "argv").string()},
                 {"SPARKCTL_CONFIG", SPARKCTL_SOURCE_DIR "/config/conf.yaml"}};
  for (auto& [k, v] : extra) options.env[k] = v;
  return options;
}

TEST(EntrypointHandover, ExecutorArgumentsReachSparksEntrypointUnchanged) {
  TempDir dir;
  const std::vector<std::string> args = {
      "executor", "--driver-url", "spark://CoarseGrainedScheduler@10.0.0.5:7078",
      "",         "two words",    "--job",
      "pi",       "line\nbreak",  "--",
      "-v"};
  std::vector<std::string> command = {"entrypoint"};
  command.insert(command.end(), args.begin(), args.end());
  const auto result = run_sparkctl(command, with_fake_entrypoint(dir, {{"FAKE_EXIT_CODE", "7"}}));
  EXPECT_EQ(result.exit_code, 7) << result.err;  // exec'd: Spark's status is the pod's
  EXPECT_EQ(recorded_argv(dir.path() / "argv"), args);
}

TEST(EntrypointHandover, AnyOtherCommandIsPassedThrough) {
  TempDir dir;
  const auto result =
      run_sparkctl({"entrypoint", "/bin/bash", "-c", "echo hi"}, with_fake_entrypoint(dir));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(recorded_argv(dir.path() / "argv"),
            (std::vector<std::string>{"/bin/bash", "-c", "echo hi"}));
}

TEST(EntrypointHandover, DriverWithoutJobIsSparksOwn) {
  TempDir dir;
  const auto props = dir.path() / "spark.properties";
  std::ofstream(props) << "spark.app.name=other\n";
  const std::vector<std::string> args = {"driver",  "--properties-file", props.string(),
                                         "--class", "org.example.Main",  "local:///app.jar",
                                         "arg1"};
  std::vector<std::string> command = {"entrypoint"};
  command.insert(command.end(), args.begin(), args.end());
  const auto result = run_sparkctl(command, with_fake_entrypoint(dir));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(recorded_argv(dir.path() / "argv"), args);
}

TEST(EntrypointDriver, ServerDeathIsExitThreeWithItsLastLogLines) {
  TempDir dir;
  const auto props = dir.path() / "spark.properties";
  std::ofstream(props) << "spark.app.name=dies\nspark.master=local[1]\n";
  const auto result =
      run_sparkctl({"entrypoint", "--server-log", (dir.path() / "server.log").string(), "driver",
                    "--properties-file", props.string(), "--class",
                    "org.apache.spark.sql.connect.service.SparkConnectServer", "spark-internal",
                    "--job", "pi", "--job-args", "partitions=2"},
                   with_fake_entrypoint(dir, {{"FAKE_DRIVER_FAILS", "no memory for the JVM"}}));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("--- last lines of"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("fake driver: no memory for the JVM"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(EntrypointDriver, BadJobArgumentsFailBeforeAnyServerStarts) {
  TempDir dir;
  const auto props = dir.path() / "spark.properties";
  std::ofstream(props) << "spark.app.name=bad\n";
  const auto base =
      std::vector<std::string>{"entrypoint", "driver", "--properties-file", props.string(),
                               "--class",    "C",      "spark-internal"};
  auto bad_value = base;
  bad_value.insert(bad_value.end(), {"--job", "pi", "--job-args", "partitions=0"});
  auto unknown_job = base;
  unknown_job.insert(unknown_job.end(), {"--job", "no_such_job"});
  auto stray = base;
  stray.insert(stray.end(), {"--job", "pi", "--frobnicate"});
  for (const auto& command : {bad_value, unknown_job, stray}) {
    const auto result =
        run_sparkctl(command, with_fake_entrypoint(dir, {{"FAKE_DRIVER_FAILS", "must not start"}}));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(result.err.find("must not start"), std::string::npos) << result.err;
  }
}

TEST(Entrypoint, HelpAndNoArguments) {
  const auto help = run_sparkctl({"entrypoint", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("executor"), std::string::npos) << help.out;
  EXPECT_EQ(run_sparkctl({"entrypoint"}).exit_code, 2);
  const auto root_help = run_sparkctl({"--help"});
  EXPECT_EQ(root_help.out.find("entrypoint"), std::string::npos) << "hidden from the verb list";
}

}  // namespace
