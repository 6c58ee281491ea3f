// The lookup order is the one a user would expect: what they configured,
// then the environment, then what `make setup` installed, then whatever
// python3 can import. Each failure names the fix in one line.
#include "sparkctl/runtime/spark_home.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/paths.hpp"
#include "sparkctl/runtime/child_process.hpp"

namespace fs = std::filesystem;

namespace sparkctl::runtime {
namespace {

bool is_spark_home(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "bin" / "spark-submit", ec) &&
         fs::is_directory(dir / "jars", ec);
}

fs::path venv_pyspark(const fs::path& root) {
  std::error_code ec;
  const auto lib = root / ".cache" / "venv" / "lib";
  for (const auto& entry : fs::directory_iterator(lib, ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("python3", 0) != 0) continue;
    auto candidate = entry.path() / "site-packages" / "pyspark";
    if (is_spark_home(candidate)) return candidate;
  }
  return {};
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// <home>/release has JAVA_VERSION="17.0.15"; a JRE without it is asked.
int java_version_of(const fs::path& home) {
  std::ifstream release(home / "release");
  std::string line;
  static const std::regex release_line(R"re(^JAVA_VERSION="([^"]+)")re");
  std::smatch match;
  while (std::getline(release, line))
    if (std::regex_search(line, match, release_line)) return java_major_version(match[1]);
  auto output = run_and_capture({(home / "bin" / "java").string(), "-version"});
  static const std::regex version_line(R"re(version "([^"]+)")re");
  if (output && std::regex_search(*output, match, version_line))
    return java_major_version(match[1]);
  return 0;
}

const char* java_fix =
    "set JAVA_HOME or spark.java_home to a JDK 17+ (e.g. /usr/lib/jvm/java-17-openjdk-amd64)";

JavaInstall checked_java(const fs::path& home, const std::string& where) {
  std::error_code ec;
  if (!fs::is_regular_file(home / "bin" / "java", ec))
    throw Error::usage(where + " = " + home.string() + " has no bin/java: " + java_fix);
  const int version = java_version_of(home);
  if (version < minimum_java_version)
    throw Error::usage("Java at " + home.string() + " (" + where + ") is " +
                       (version ? "version " + std::to_string(version) : "of unknown version") +
                       "; Spark needs Java 17 or newer: " + java_fix);
  return {home, version};
}

}  // namespace

std::vector<fs::path> default_search_roots() {
  std::vector<fs::path> roots;
  if (auto root = paths::project_root(); !root.empty()) roots.push_back(root);
  // build/sparkctl, build/bin/sparkctl: the repo is one or two levels up.
  fs::path dir = fs::path(paths::executable()).parent_path();
  for (int up = 0; up < 3 && !dir.empty() && dir != dir.root_path(); ++up, dir = dir.parent_path())
    roots.push_back(dir);
  std::error_code ec;
  if (auto cwd = fs::current_path(ec); !ec) roots.push_back(cwd);
  return roots;
}

fs::path find_spark_home(const std::string& configured, const std::string& origin,
                         const std::vector<fs::path>& roots) {
  if (!configured.empty()) {
    if (is_spark_home(configured)) return configured;
    throw Error::usage(origin + " = " + configured +
                       " is not a Spark installation (no bin/spark-submit and jars/); "
                       "fix it or leave it empty to use the one `make setup` installs");
  }
  if (auto home = env("SPARK_HOME"); !home.empty()) {
    if (is_spark_home(home)) return home;
    throw Error::usage("SPARK_HOME = " + home +
                       " is not a Spark installation (no bin/spark-submit and jars/); "
                       "fix it or unset it");
  }
  for (const auto& root : roots)
    if (auto found = venv_pyspark(root); !found.empty()) return found;
  auto output = run_and_capture({"/usr/bin/env", "python3", "-c",
                                 "import os, pyspark; print(os.path.dirname(pyspark.__file__))"});
  if (output) {
    auto dir = output->substr(0, output->find('\n'));
    if (is_spark_home(dir)) return dir;
  }
  throw Error::usage(
      "Spark not found: run `make setup` (installs pyspark into .cache/venv), "
      "or set SPARK_HOME or spark.home to a Spark 4 installation");
}

int java_major_version(const std::string& version) {
  static const std::regex pattern(R"(^(\d+)(?:\.(\d+))?)");
  std::smatch match;
  if (!std::regex_search(version, match, pattern)) return 0;
  const int first = std::stoi(match[1]);
  if (first == 1 && match[2].matched) return std::stoi(match[2]);  // 1.8.0 -> 8
  return first;
}

JavaInstall find_java(const std::string& configured, const std::string& origin) {
  if (!configured.empty()) return checked_java(configured, origin);
  if (auto home = env("JAVA_HOME"); !home.empty()) return checked_java(home, "JAVA_HOME");
  std::string path = env("PATH");
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    fs::path java = fs::path(path.substr(start, end - start)) / "java";
    if (access(java.c_str(), X_OK) == 0) {
      std::error_code ec;
      auto real = fs::canonical(java, ec);  // /usr/bin/java -> /usr/lib/jvm/X/bin/java
      if (!ec) return checked_java(real.parent_path().parent_path(), "java on PATH");
    }
    start = end + 1;
  }
  throw Error::usage(
      std::string("Java 17+ not found (no JAVA_HOME, no java on PATH): install a JDK 17 "
                  "or ") +
      java_fix);
}

std::filesystem::path python_for_spark(const fs::path& spark_home) {
  // <prefix>/lib/pythonX.Y/site-packages/pyspark -> <prefix>/bin/pythonX.Y
  const fs::path site_packages = spark_home.parent_path();
  if (site_packages.filename() == "site-packages" || site_packages.filename() == "dist-packages") {
    const fs::path version_dir = site_packages.parent_path();
    const fs::path prefix = version_dir.parent_path().parent_path();
    std::error_code ec;
    for (const auto& name : {version_dir.filename().string(), std::string("python3")}) {
      const fs::path candidate = prefix / "bin" / name;
      if (fs::exists(candidate, ec)) return candidate;
    }
  }
  return "/usr/bin/python3";
}

fs::path configured_spark_home(const config::Config& config) {
  using config::keys::spark_home;
  return find_spark_home(config.get_string(spark_home),
                         "spark.home (" + config.origin(spark_home).describe() + ")");
}

}  // namespace sparkctl::runtime
