// `sparkctl entrypoint driver ...` as the driver pod would run it, on this
// machine: a properties file like the one Spark on Kubernetes writes, but
// with a local master; the set-up's pyspark and Java; the variables Spark
// gives a driver pod (SPARK_DRIVER_BIND_ADDRESS). Each test checks that no
// process of the run (the JVM names the test's temp dir on its command
// line) outlives sparkctl.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "command_runner.hpp"
#include "entrypoint_support.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/driver_classes.hpp"
#include "sparkctl/runtime/port.hpp"
#include "sparkctl/runtime/spark_home.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using sparkctl::entrypoint_test::Background;
using sparkctl::entrypoint_test::processes_mentioning;
using sparkctl::entrypoint_test::slurp;
using sparkctl::entrypoint_test::start_background;
using sparkctl::entrypoint_test::TempDir;
using sparkctl::testing::CommandOptions;
using sparkctl::testing::run_sparkctl;

// Like the operator's spark.properties, but local.
fs::path write_properties(const TempDir& dir, const std::string& app,
                          const std::string& extra = "") {
  const auto path = dir.path() / "spark.properties";
  std::ofstream(path) << "#Java properties written by the test\n"
                      << "spark.app.name=" << app << "\n"
                      << "spark.master=local[2]\n"
                      << "spark.submit.deployMode=cluster\n"
                      << "spark.kubernetes.namespace=default\n"
                      << "spark.kubernetes.driver.pod.name=" << app << "-driver\n"
                      << "spark.kubernetes.driver.master=https\\://127.0.0.1\\:6443\n"
                      << "spark.driver.host=127.0.0.1\n"
                      << "spark.driver.bindAddress=127.0.0.1\n"
                      << "spark.sql.shuffle.partitions=2\n"
                      << extra;
  return path;
}

std::vector<std::string> driver_args(const fs::path& props, const TempDir& dir) {
  return {"entrypoint",
          "--server-log",
          (dir.path() / "server.log").string(),
          "driver",
          "--properties-file",
          props.string(),
          "--class",
          sparkctl::runtime::driver_main_class,
          "spark-internal"};
}

std::map<std::string, std::string> spark_env(const TempDir& dir) {
  return {{"SPARK_HOME", sparkctl::runtime::find_spark_home("").string()},
          {"JAVA_HOME", sparkctl::runtime::find_java("").home.string()},
          {"SPARK_LOCAL_IP", "127.0.0.1"},
          {"SPARK_DRIVER_BIND_ADDRESS", "127.0.0.1"},  // the pod's IP
          {"SPARKCTL_STATE_DIR", (dir.path() / "state").string()},
          {"SPARKCTL_CONFIG", SPARKCTL_SOURCE_DIR "/config/conf.yaml"}};
}

Background start_sparkctl(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env, const TempDir& dir) {
  std::vector<std::string> argv = {SPARKCTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return start_background(argv, env, dir.path() / "sparkctl.out");
}

class SimulatedPod : public ::testing::Test {
 protected:
  void TearDown() override {
    // Nothing of this run may survive it (the JVM names the temp dir).
    EXPECT_TRUE(processes_mentioning(dir_.path().string()).empty()) << "leftover processes";
  }
  TempDir dir_;
};

TEST_F(SimulatedPod, PiRunsAgainstTheDriverAndExitsZero) {
  auto args = driver_args(write_properties(dir_, "simulated-pod-pi"), dir_);
  // `message` left out, as render leaves out empty arguments: the built-in
  // default (none), whatever the image's config or environment says.
  args.insert(args.end(), {"--job", "pi", "--job-args", "partitions=4"});
  CommandOptions options;
  options.env = spark_env(dir_);
  options.env["SPARKCTL_JOBS_PI_MESSAGE"] = "from the image's environment";
  const auto started = Clock::now();
  const auto result = run_sparkctl(args, options);
  std::printf("pi in a simulated pod: %.1fs\n",
              std::chrono::duration<double>(Clock::now() - started).count());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Pi is roughly 3.1"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("from the image"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("/bin/spark-submit --conf spark.driver.bindAddress=127.0.0.1 --conf "
                            "spark.executorEnv.SPARK_DRIVER_POD_IP=127.0.0.1 --deploy-mode client"),
            std::string::npos)
      << result.err;
  // The server's log is copied to stderr (the pod log).
  const auto server_log = slurp(dir_.path() / "server.log");
  ASSERT_FALSE(server_log.empty());
  EXPECT_NE(result.err.find(server_log.substr(0, 80)), std::string::npos);
}

TEST_F(SimulatedPod, FailingJobExitsOne) {
  auto args = driver_args(write_properties(dir_, "simulated-pod-etl"), dir_);
  args.insert(args.end(), {"--job", "cloud_etl", "--job-args",
                           "input=" + (dir_.path() / "missing.csv").string(),
                           "output=" + (dir_.path() / "out.parquet").string()});
  CommandOptions options;
  options.env = spark_env(dir_);
  const auto result = run_sparkctl(args, options);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("cloud_etl: cannot read"), std::string::npos) << result.err;
}

// A driver whose arguments are not sparkctl's is a plain Spark driver:
// spark-submit in client mode runs the application (here PySpark's pi,
// the benchmark's) in the pod.
TEST_F(SimulatedPod, PlainSparkApplicationRunsAsSparkSubmitInClientMode) {
  const auto props = write_properties(dir_, "simulated-pod-plain");
  CommandOptions options;
  options.env = spark_env(dir_);
  const auto result = run_sparkctl({"entrypoint", "driver", "--properties-file", props.string(),
                                    SPARKCTL_SOURCE_DIR "/bench/pi/pi.py", "3"},
                                   options);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Pi is roughly 3.1"), std::string::npos) << result.out << result.err;
}

// The JVM cannot start (a heap too small to boot): the server died,
// exit 3, with its last log lines, and nothing on stdout.
TEST_F(SimulatedPod, ServerDeathIsExitThreeWithItsLastLogLines) {
  auto args =
      driver_args(write_properties(dir_, "simulated-pod-dies", "spark.driver.memory=1k\n"), dir_);
  args.insert(args.end(), {"--job", "pi", "--job-args", "partitions=2"});
  CommandOptions options;
  options.env = spark_env(dir_);
  const auto result = run_sparkctl(args, options);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("--- last lines of"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("Too small maximum heap"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(SimulatedPod, SigtermMidJobStopsEverything) {
  auto args = driver_args(write_properties(dir_, "simulated-pod-sigterm"), dir_);
  args.insert(args.end(), {"--job", "pi", "--job-args", "partitions=20000"});
  auto env = spark_env(dir_);
  auto sparkctl = start_sparkctl(args, env, dir_);
  ASSERT_TRUE(sparkctl.wait_for_output("ready at", 180s)) << sparkctl.output();
  std::this_thread::sleep_for(3s);  // pi is running now
  ASSERT_TRUE(sparkctl.process.running()) << sparkctl.output();
  const auto signalled = Clock::now();
  kill(sparkctl.process.pid(), SIGTERM);  // what the kubelet does on pod deletion
  const int code = sparkctl.wait_for_exit(60s);
  std::printf("SIGTERM to exit: %.1fs\n",
              std::chrono::duration<double>(Clock::now() - signalled).count());
  EXPECT_EQ(code, 130) << sparkctl.output();
  EXPECT_NE(sparkctl.output().find("terminated: stopping"), std::string::npos) << sparkctl.output();
}

TEST_F(SimulatedPod, InteractiveServesUntilIdleThenExitsZero) {
  const int port = sparkctl::runtime::pick_free_port();
  const int ui_port = sparkctl::runtime::pick_free_port();
  auto args =
      driver_args(write_properties(dir_, "simulated-pod-interactive",
                                   "spark.connect.grpc.binding.port=" + std::to_string(port) +
                                       "\nspark.ui.port=" + std::to_string(ui_port) + "\n"),
                  dir_);
  args.insert(args.end(), {"--job", "interactive", "--job-args", "idle_timeout=60"});
  auto env = spark_env(dir_);
  auto sparkctl = start_sparkctl(args, env, dir_);
  ASSERT_TRUE(sparkctl.wait_for_output("sparkctl shell --app simulated-pod-interactive", 180s))
      << sparkctl.output();

  // A user's query: a Spark job, so the idle clock starts again after it.
  auto session = sparkctl::connect::Session::open("sc://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(session.range(0, 1000).count(), 1000);
  session.close();
  const auto last_query = Clock::now();

  const int code = sparkctl.wait_for_exit(150s);
  const double idle = std::chrono::duration<double>(Clock::now() - last_query).count();
  std::printf("exited %.1fs after the last query (idle_timeout 60s, polled every 5s)\n", idle);
  EXPECT_EQ(code, 0) << sparkctl.output();
  EXPECT_GE(idle, 60.0);
  EXPECT_LT(idle, 90.0);
  EXPECT_NE(sparkctl.output().find("Idle for 1m: stopping."), std::string::npos)
      << sparkctl.output();
}

}  // namespace
