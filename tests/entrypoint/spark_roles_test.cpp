// The commands of the container roles, built from the environment Spark
// 4.3 gives its pods (BasicExecutorFeatureStep's variables, as an executor
// pod shows them), and the passwd entry for a UID the image does not know.
// The executor command runs for real in executor pods on the real node
// (tests/node/).
#include "sparkctl/runtime/spark_roles.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/container_user.hpp"

namespace sparkctl::runtime {
namespace {

namespace fs = std::filesystem;

// An executor pod's environment, as `kubectl get pod -o yaml` shows it
// once the kubelet has resolved the fieldRefs.
Environment executor_pod() {
  return {{"SPARK_USER", "spark"},
          {"SPARK_DRIVER_URL", "spark://CoarseGrainedScheduler@10.244.0.12:7078"},
          {"SPARK_EXECUTOR_CORES", "1"},
          {"SPARK_EXECUTOR_MEMORY", "512m"},
          {"SPARK_APPLICATION_ID", "spark-5f2d0c3a9e8b4c1d"},
          {"SPARK_CONF_DIR", "/opt/spark/conf"},
          {"SPARK_EXECUTOR_ID", "2"},
          {"SPARK_RESOURCE_PROFILE_ID", "0"},
          {"SPARK_EXECUTOR_POD_IP", "10.244.0.14"},
          {"SPARK_EXECUTOR_POD_NAME", "pi-1-exec-2"},
          {"SPARK_JAVA_OPT_0", "-Djava.net.preferIPv6Addresses=false"},
          {"SPARK_JAVA_OPT_1", "-XX:+IgnoreUnrecognizedVMOptions"},
          {"SPARK_JAVA_OPT_10", "-Dspark.driver.port=7078"},
          {"SPARK_JAVA_OPT_2", "--add-opens=java.base/java.lang=ALL-UNNAMED"},
          {"SPARK_LOCAL_DIRS", "/var/data/spark-8a1c"},
          {"SPARK_HOME", "/opt/spark"},
          {"JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"}};
}

TEST(ExecutorCommand, IsSparksExecutorBackendWithThePodsIdentity) {
  const auto argv = executor_command(executor_pod(), "/opt/spark/work-dir");
  EXPECT_EQ(argv, (std::vector<std::string>{
                      "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
                      "-Djava.net.preferIPv6Addresses=false",
                      "-XX:+IgnoreUnrecognizedVMOptions",
                      "--add-opens=java.base/java.lang=ALL-UNNAMED",
                      "-Dspark.driver.port=7078",
                      "-Xms512m",
                      "-Xmx512m",
                      "-cp",
                      "/opt/spark/conf:/opt/spark/jars/*:/opt/spark/work-dir",
                      "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend",
                      "--driver-url",
                      "spark://CoarseGrainedScheduler@10.244.0.12:7078",
                      "--executor-id",
                      "2",
                      "--cores",
                      "1",
                      "--app-id",
                      "spark-5f2d0c3a9e8b4c1d",
                      "--hostname",
                      "10.244.0.14",
                      "--resourceProfileId",
                      "0",
                      "--podName",
                      "pi-1-exec-2"}));
}

TEST(ExecutorCommand, JavaOptionsFollowTheirNumbersNotTheEnvironmentsOrder) {
  auto env = executor_pod();
  for (int n = 0; n <= 11; ++n)
    env["SPARK_JAVA_OPT_" + std::to_string(n)] = "-Dn=" + std::to_string(n);
  env["SPARK_JAVA_OPT_X"] = "-Dnot=numbered";
  const auto argv = executor_command(env, "/w");
  std::vector<std::string> options(argv.begin() + 1, argv.begin() + 13);
  std::vector<std::string> expected;
  for (int n = 0; n <= 11; ++n) expected.push_back("-Dn=" + std::to_string(n));
  EXPECT_EQ(options, expected);
  EXPECT_EQ(argv[13], "-Xms512m");
}

TEST(ExecutorCommand, ClasspathTakesEveryPartThatIsSet) {
  auto env = executor_pod();
  env.erase("SPARK_CONF_DIR");
  env.erase("JAVA_HOME");
  env["HADOOP_CONF_DIR"] = "/etc/hadoop";
  env["SPARK_CLASSPATH"] = "/extra/a.jar";
  env["SPARK_EXTRA_CLASSPATH"] = "/extra/b.jar";
  env["SPARK_DIST_CLASSPATH"] = "/hadoop/*";
  const auto argv = executor_command(env, "/w");
  EXPECT_EQ(argv.front(), "java");  // from PATH
  const auto cp = std::find(argv.begin(), argv.end(), "-cp");
  ASSERT_NE(cp, argv.end());
  EXPECT_EQ(*(cp + 1),
            "/opt/spark/conf:/etc/hadoop:/extra/a.jar:/opt/spark/jars/*:/w:/extra/b.jar:/hadoop/*");
}

TEST(ExecutorCommand, NamesEveryMissingVariableInOneLine) {
  auto env = executor_pod();
  env.erase("SPARK_DRIVER_URL");
  env["SPARK_EXECUTOR_ID"] = "";
  try {
    executor_command(env, "/w");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(std::string(e.what()),
              "executor: SPARK_DRIVER_URL, SPARK_EXECUTOR_ID are not set (Spark sets them in its "
              "executor pods; see docs/entrypoint.md)");
  }
  EXPECT_THROW(executor_command({}, "/w"), Error);
}

TEST(DriverCommand, IsSparkSubmitInClientModeBoundToThePodIp) {
  const auto argv = driver_command("/opt/spark", {{"SPARK_DRIVER_BIND_ADDRESS", "10.244.0.12"}},
                                   {"--properties-file", "/opt/spark/conf/spark.properties",
                                    "--class", "org.example.Main", "local:///app.jar", "arg"});
  EXPECT_EQ(argv,
            (std::vector<std::string>{
                "/opt/spark/bin/spark-submit", "--conf", "spark.driver.bindAddress=10.244.0.12",
                "--conf", "spark.executorEnv.SPARK_DRIVER_POD_IP=10.244.0.12", "--deploy-mode",
                "client", "--properties-file", "/opt/spark/conf/spark.properties", "--class",
                "org.example.Main", "local:///app.jar", "arg"}));
  // Outside a pod there is no bind address to pass on.
  EXPECT_EQ(driver_command("/s", {}, {"x.py"}),
            (std::vector<std::string>{"/s/bin/spark-submit", "--deploy-mode", "client", "x.py"}));
}

TEST(HadoopDistClasspath, OnlyWhenHadoopHomeIsSetAndTheClasspathIsNot) {
  EXPECT_FALSE(hadoop_dist_classpath({}));
  EXPECT_FALSE(hadoop_dist_classpath({{"HADOOP_HOME", "/h"}, {"SPARK_DIST_CLASSPATH", "/x"}}));
  // A Hadoop whose `hadoop classpath` fails adds nothing.
  EXPECT_FALSE(hadoop_dist_classpath({{"HADOOP_HOME", "/nonexistent/hadoop"}}));
}

class PasswdFile : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "sparkctl-passwd-XXXXXX").string();
    close(mkstemp(pattern.data()));
    path_ = pattern;
    std::ofstream(path_) << "root:x:0:0:root:/root:/bin/bash\n"
                            "spark:x:185:185::/opt/spark:/bin/false";  // no final newline
  }
  void TearDown() override { fs::remove(path_); }
  std::string text() const {
    std::ifstream in(path_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  fs::path path_;
};

TEST_F(PasswdFile, AddsTheMissingUidOnce) {
  PasswdEntry entry{4242, 0, "anonymous uid", "/opt/spark"};
  EXPECT_EQ(ensure_passwd_entry(entry, path_), PasswdOutcome::added);
  EXPECT_EQ(ensure_passwd_entry(entry, path_), PasswdOutcome::present);
  EXPECT_EQ(text(),
            "root:x:0:0:root:/root:/bin/bash\n"
            "spark:x:185:185::/opt/spark:/bin/false\n"
            "4242:x:4242:0:anonymous uid:/opt/spark:/bin/false\n");
}

TEST_F(PasswdFile, KnownUidsAndUnwritableFilesAreLeftAlone) {
  EXPECT_EQ(ensure_passwd_entry({185, 185, "x", "/"}, path_), PasswdOutcome::present);
  EXPECT_EQ(ensure_passwd_entry({4242, 0, "x", "/"}, "/nonexistent/passwd"),
            PasswdOutcome::not_writable);
  if (geteuid() != 0) {  // root may write anyway
    fs::permissions(path_, fs::perms::owner_read);
    EXPECT_EQ(ensure_passwd_entry({4242, 0, "x", "/"}, path_), PasswdOutcome::not_writable);
  }
}

}  // namespace
}  // namespace sparkctl::runtime
