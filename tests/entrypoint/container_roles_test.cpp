// `sparkctl entrypoint` through the built binary, where no Spark is
// needed: the executor's command reaches java, other commands run as they
// are, the exit status and signals go through the init, and as PID 1 of a
// PID namespace (what a container is) it reaps orphans and still gets the
// kubelet's SIGTERM. A UID the image does not know gets a passwd entry.
// The PID-namespace and UID tests need root (unshare, mount, setpriv).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "command_runner.hpp"
#include "entrypoint_support.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using sparkctl::entrypoint_test::slurp;
using sparkctl::entrypoint_test::start_background;
using sparkctl::entrypoint_test::TempDir;
using sparkctl::testing::CommandOptions;
using sparkctl::testing::run_command;
using sparkctl::testing::run_sparkctl;

std::vector<std::string> recorded_argv(const fs::path& path) {
  std::vector<std::string> argv;
  std::string current;
  for (char c : slurp(path)) {
    if (c == '\0') {
      argv.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return argv;
}

// What Spark 4.3 puts in an executor pod's environment.
std::map<std::string, std::string> executor_env(const fs::path& java_home) {
  return {{"SPARK_HOME", "/opt/spark"},
          {"JAVA_HOME", java_home.string()},
          {"SPARK_CONF_DIR", "/opt/spark/conf"},
          {"SPARK_DRIVER_URL", "spark://CoarseGrainedScheduler@10.244.0.12:7078"},
          {"SPARK_EXECUTOR_CORES", "1"},
          {"SPARK_EXECUTOR_MEMORY", "512m"},
          {"SPARK_APPLICATION_ID", "spark-5f2d0c3a9e8b4c1d"},
          {"SPARK_EXECUTOR_ID", "1"},
          {"SPARK_RESOURCE_PROFILE_ID", "0"},
          {"SPARK_EXECUTOR_POD_IP", "10.244.0.14"},
          {"SPARK_EXECUTOR_POD_NAME", "pi-1-exec-1"},
          {"SPARK_JAVA_OPT_1", "-Dspark.driver.port=7078"},
          {"SPARK_JAVA_OPT_0", "-Djava.net.preferIPv6Addresses=false"}};
}

TEST(EntrypointExecutor, ExecsJavaWithTheCommandFromItsEnvironment) {
  TempDir dir;
  fs::create_directories(dir.path() / "java" / "bin");
  fs::copy_file(RECORDING_JAVA, dir.path() / "java" / "bin" / "java");
  CommandOptions options;
  options.env = executor_env(dir.path() / "java");
  options.env["RECORD_ARGV"] = (dir.path() / "argv").string();
  options.env["RECORDED_EXIT_CODE"] = "7";
  options.working_dir = dir.path().string();
  const auto result = run_sparkctl({"entrypoint", "executor"}, options);
  EXPECT_EQ(result.exit_code, 7) << result.err;  // the JVM's status is the container's
  EXPECT_EQ(
      recorded_argv(dir.path() / "argv"),
      (std::vector<std::string>{"-Djava.net.preferIPv6Addresses=false",
                                "-Dspark.driver.port=7078",
                                "-Xms512m",
                                "-Xmx512m",
                                "-cp",
                                "/opt/spark/conf:/opt/spark/jars/*:" + dir.path().string(),
                                "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend",
                                "--driver-url",
                                "spark://CoarseGrainedScheduler@10.244.0.12:7078",
                                "--executor-id",
                                "1",
                                "--cores",
                                "1",
                                "--app-id",
                                "spark-5f2d0c3a9e8b4c1d",
                                "--hostname",
                                "10.244.0.14",
                                "--resourceProfileId",
                                "0",
                                "--podName",
                                "pi-1-exec-1"}));
}

TEST(EntrypointExecutor, MissingVariablesAreOneLineAndExitTwo) {
  TempDir dir;
  CommandOptions options;
  options.env = executor_env(dir.path());
  options.env.erase("SPARK_DRIVER_URL");
  options.env.erase("SPARK_EXECUTOR_POD_IP");
  options.unset_env = {"SPARK_DRIVER_URL", "SPARK_EXECUTOR_POD_IP"};
  const auto result = run_sparkctl({"entrypoint", "executor"}, options);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.err,
            "sparkctl: error: executor: SPARK_DRIVER_URL, SPARK_EXECUTOR_POD_IP are not set "
            "(Spark sets them in its executor pods; see docs/entrypoint.md)\n");
}

TEST(EntrypointPassThrough, OtherCommandsRunAsTheyAre) {
  const auto result =
      run_sparkctl({"entrypoint", "/bin/sh", "-c", "echo \"$0 $1\"; exit 5", "two words", ""});
  EXPECT_EQ(result.exit_code, 5) << result.err;
  EXPECT_EQ(result.out, "two words \n");
  const auto on_path = run_sparkctl({"entrypoint", "echo", "from PATH"});
  EXPECT_EQ(on_path.exit_code, 0) << on_path.err;
  EXPECT_EQ(on_path.out, "from PATH\n");
  const auto missing = run_sparkctl({"entrypoint", "no-such-command-for-sparkctl"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("cannot run no-such-command-for-sparkctl: No such file or directory"),
            std::string::npos)
      << missing.err;
}

TEST(EntrypointInit, PassesSigtermOnAndExitsWithTheRolesStatus) {
  TempDir dir;
  auto running = start_background(
      {SPARKCTL_BINARY, "entrypoint", "/bin/sh", "-c",
       "trap 'echo got TERM; exit 42' TERM; echo ready; while :; do sleep 0.1; done"},
      {}, dir.path() / "out");
  ASSERT_TRUE(running.wait_for_output("ready", 10s)) << running.output();
  kill(running.process.pid(), SIGTERM);
  EXPECT_EQ(running.wait_for_exit(10s), 42) << running.output();
  EXPECT_NE(running.output().find("got TERM"), std::string::npos);
}

TEST(EntrypointInit, ARoleKilledBySignalIsExit128PlusN) {
  const auto result = run_sparkctl({"entrypoint", "/bin/sh", "-c", "kill -KILL $$"});
  EXPECT_EQ(result.exit_code, 128 + SIGKILL) << result.err;
}

// PID 1 of a new PID namespace, as in a container.
std::vector<std::string> as_pid_one(std::vector<std::string> command) {
  std::vector<std::string> argv = {"/usr/bin/unshare", "--pid",         "--fork",
                                   "--mount-proc",     SPARKCTL_BINARY, "entrypoint"};
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

TEST(EntrypointInitAsPidOne, ReapsOrphans) {
  // The inner shell leaves `sleep 0.2` behind as an orphan, which the
  // kernel hands to PID 1; a PID 1 that does not reap keeps it a zombie.
  const auto result =
      run_command(as_pid_one({"/bin/sh", "-c",
                              "cat /proc/1/comm; sh -c 'sleep 0.2 &'; sleep 1.5; "
                              "grep -l '^State:.*Z' /proc/[0-9]*/status; echo checked"}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "sparkctl\nchecked\n");  // no zombie listed
}

// The kernel drops signals to a PID 1 that has no handler for them; the
// kubelet's SIGTERM must still reach the role.
TEST(EntrypointInitAsPidOne, GetsTheKubeletsSigterm) {
  TempDir dir;
  auto running = start_background(
      as_pid_one({"/bin/sh", "-c",
                  "trap 'echo got TERM; exit 42' TERM; echo ready; while :; do sleep 0.1; done"}),
      {}, dir.path() / "out");
  ASSERT_TRUE(running.wait_for_output("ready", 10s)) << running.output();
  // unshare --fork: its child is sparkctl, PID 1 inside.
  const auto unshare = std::to_string(running.process.pid());
  const std::string children = slurp("/proc/" + unshare + "/task/" + unshare + "/children");
  ASSERT_FALSE(children.empty());
  kill(std::stoi(children), SIGTERM);
  EXPECT_EQ(running.wait_for_exit(10s), 42) << running.output();
}

// A pod with `runAsUser: 4242` and the image's group-writable /etc/passwd
// (here a copy, bound over /etc/passwd in a private mount namespace).
TEST(EntrypointUser, AnUnknownUidGetsAPasswdEntry) {
  TempDir dir;
  const auto passwd = dir.path() / "passwd";
  fs::copy_file("/etc/passwd", passwd);
  fs::permissions(dir.path(), fs::perms::all);  // reachable for UID 4242
  ASSERT_EQ(chown(passwd.c_str(), 0, 0), 0);
  fs::permissions(passwd, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::group_write | fs::perms::others_read);
  const std::string script = "mount --bind " + passwd.string() +
                             " /etc/passwd && exec setpriv --reuid=4242 --regid=0 --clear-groups "
                             "\"$0\" entrypoint sh -c 'getent passwd $(id -u); id -un'";
  CommandOptions options;
  options.env = {{"SPARK_HOME", "/opt/spark"}};
  const auto result =
      run_command({"unshare", "--mount", "/bin/sh", "-c", script, SPARKCTL_BINARY}, options);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "4242:x:4242:0:anonymous uid:/opt/spark:/bin/false\n4242\n");
  EXPECT_NE(result.err.find("added UID 4242 to /etc/passwd"), std::string::npos) << result.err;
  EXPECT_EQ(run_command({"getent", "passwd", "4242"}).out, "") << "the machine's file is untouched";
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
  CommandOptions options;
  options.env = {{"SPARKCTL_CONFIG", SPARKCTL_SOURCE_DIR "/config/conf.yaml"}};
  for (const auto& command : {bad_value, unknown_job, stray}) {
    const auto result = run_sparkctl(command, options);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(result.err.find("spark-submit"), std::string::npos) << result.err;
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
