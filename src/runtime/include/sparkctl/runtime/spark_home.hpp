// Finding the Spark installation that runs the local Spark Connect server
// and the Java that runs Spark. Both fail with one line telling the user
// how to fix it (sparkctl::Error, usage).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace sparkctl::runtime {

// Where to look for the pyspark that `make setup` installs
// (<root>/.cache/venv/lib/python3*/site-packages/pyspark): the binary's
// directory and its parents, then the working directory.
std::vector<std::filesystem::path> default_search_roots();

// First of: `configured` (config spark.home; `origin` names where it came
// from for the error), $SPARK_HOME, the set-up venv under one of `roots`,
// the pyspark that `python3` imports. A candidate is a directory with
// bin/spark-submit and jars/.
std::filesystem::path find_spark_home(
    const std::string& configured, const std::string& origin = "spark.home",
    const std::vector<std::filesystem::path>& roots = default_search_roots());

// find_spark_home of config spark.home, the error naming where it was set.
std::filesystem::path configured_spark_home(const config::Config& config);

// The Python that imports the pyspark of `spark_home` (the venv's or
// image's python3 when Spark is a pip-installed pyspark, else python3 on
// PATH). It runs
// users' scripts and the Python workers of local servers.
std::filesystem::path python_for_spark(const std::filesystem::path& spark_home);

struct JavaInstall {
  std::filesystem::path home;  // JAVA_HOME for the child process
  int major_version = 0;       // 17, 21, ...
};

constexpr int minimum_java_version = 17;

// First of: `configured` (config spark.java_home), $JAVA_HOME, `java` on
// PATH. Missing, or older than minimum_java_version -> Error::usage.
JavaInstall find_java(const std::string& configured, const std::string& origin = "spark.java_home");

// "17.0.15" -> 17, "1.8.0_292" -> 8, "21" -> 21; 0 if unreadable.
int java_major_version(const std::string& version);

}  // namespace sparkctl::runtime
