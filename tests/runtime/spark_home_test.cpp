#include "sparkctl/runtime/spark_home.hpp"

#include <functional>

#include "test_support.hpp"

namespace sparkctl::runtime::test {
namespace {

std::string usage_error(const std::function<void()>& f) { return error_of(f, ErrorKind::usage); }

TEST(SparkHome, FindsTheSetUpsPysparkUnderARoot) {
  ScopedEnv no_spark_home("SPARK_HOME", std::nullopt);
  auto home = find_spark_home("", "spark.home", {fs::path(SPARKCTL_SOURCE_DIR)});
  EXPECT_TRUE(fs::exists(home / "bin" / "spark-submit"));
  EXPECT_NE(home.string().find(".cache/venv/lib/python3"), std::string::npos);
}

TEST(SparkHome, ConfiguredWinsOverEnvironment) {
  TempDir dir;
  auto fake = fake_spark_home(dir.path() / "spark", "exit 0");
  ScopedEnv spark_home("SPARK_HOME", "/nonexistent");
  EXPECT_EQ(find_spark_home(fake.string(), "spark.home", {}), fake);
}

TEST(SparkHome, BadConfiguredValueNamesItsOrigin) {
  auto message =
      usage_error([] { find_spark_home("/nonexistent", "spark.home (flag --set)", {}); });
  EXPECT_EQ(message.rfind("spark.home (flag --set) = /nonexistent is not a Spark installation", 0),
            0u)
      << message;
}

TEST(SparkHome, BadEnvironmentValueSaysSo) {
  ScopedEnv spark_home("SPARK_HOME", "/nonexistent");
  auto message = usage_error([] { find_spark_home("", "spark.home", {}); });
  EXPECT_NE(message.find("SPARK_HOME = /nonexistent"), std::string::npos) << message;
}

TEST(SparkHome, MissingSparkSaysHowToFixIt) {
  TempDir empty;
  ScopedEnv no_spark_home("SPARK_HOME", std::nullopt);
  ScopedEnv no_python("PATH", empty.path().string());  // python3 cannot be found either
  auto message = usage_error([&] { find_spark_home("", "spark.home", {empty.path()}); });
  EXPECT_EQ(message,
            "Spark not found: run `make setup` (installs pyspark into .cache/venv), or set "
            "SPARK_HOME or spark.home to a Spark 4 installation");
}

TEST(Java, FindsJava17OrNewerOnThisMachine) {
  auto java = find_java("");
  EXPECT_GE(java.major_version, 17);
  EXPECT_TRUE(fs::exists(java.home / "bin" / "java"));
}

TEST(Java, ParsesVersionStrings) {
  EXPECT_EQ(java_major_version("17.0.15"), 17);
  EXPECT_EQ(java_major_version("1.8.0_292"), 8);
  EXPECT_EQ(java_major_version("21"), 21);
  EXPECT_EQ(java_major_version("garbage"), 0);
}

TEST(Java, TooOldJavaSaysWhichAndHowToFix) {
  TempDir dir;
  fs::create_directories(dir.path() / "bin");
  std::ofstream(dir.path() / "bin" / "java") << "#!/bin/sh\nexit 1\n";
  std::ofstream(dir.path() / "release") << "JAVA_VERSION=\"11.0.2\"\n";
  ScopedEnv java_home("JAVA_HOME", dir.path().string());
  auto message = usage_error([] { find_java(""); });
  EXPECT_NE(message.find("(JAVA_HOME) is version 11; Spark needs Java 17 or newer"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("set JAVA_HOME or spark.java_home"), std::string::npos) << message;
}

TEST(Java, ConfiguredHomeWithoutJavaIsAnError) {
  TempDir dir;
  auto message =
      usage_error([&] { find_java(dir.path().string(), "spark.java_home (conf.yaml:3)"); });
  EXPECT_NE(message.find("spark.java_home (conf.yaml:3) = "), std::string::npos) << message;
  EXPECT_NE(message.find("has no bin/java"), std::string::npos) << message;
}

TEST(Java, MissingJavaSaysHowToFixIt) {
  TempDir empty;
  ScopedEnv no_java_home("JAVA_HOME", std::nullopt);
  ScopedEnv path("PATH", empty.path().string());
  auto message = usage_error([] { find_java(""); });
  EXPECT_EQ(message.rfind("Java 17+ not found (no JAVA_HOME, no java on PATH)", 0), 0u) << message;
}

}  // namespace
}  // namespace sparkctl::runtime::test
