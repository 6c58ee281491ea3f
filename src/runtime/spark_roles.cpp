#include "sparkctl/runtime/spark_roles.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/child_process.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace sparkctl::runtime {
namespace {

constexpr const char* java_opt_prefix = "SPARK_JAVA_OPT_";
constexpr const char* executor_backend =
    "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend";

std::string value_of(const Environment& env, const std::string& name) {
  const auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

// SPARK_JAVA_OPT_0..N hold spark.executor.extraJavaOptions and the -D
// settings, one word each; their order matters (a later -D wins) and is
// the number's, not the environment's.
std::vector<std::string> executor_java_options(const Environment& env) {
  std::vector<std::pair<unsigned long, std::string>> numbered;
  for (const auto& [name, value] : env) {
    if (name.rfind(java_opt_prefix, 0) != 0) continue;
    const std::string number = name.substr(std::strlen(java_opt_prefix));
    if (number.empty() || number.size() > 9 ||
        number.find_first_not_of("0123456789") != std::string::npos) {
      spdlog::warn("executor: ignoring {} (Spark numbers these variables)", name);
      continue;
    }
    numbered.emplace_back(std::stoul(number), value);
  }
  std::sort(numbered.begin(), numbered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> options;
  for (auto& [number, value] : numbered) options.push_back(std::move(value));
  return options;
}

std::string executor_classpath(const Environment& env, const fs::path& spark_home,
                               const fs::path& work_dir) {
  std::vector<std::string> entries;
  const std::string conf_dir = value_of(env, "SPARK_CONF_DIR");
  entries.push_back(conf_dir.empty() ? (spark_home / "conf").string() : conf_dir);
  for (const char* name : {"HADOOP_CONF_DIR", "SPARK_CLASSPATH"})
    if (auto value = value_of(env, name); !value.empty()) entries.push_back(value);
  entries.push_back((spark_home / "jars" / "*").string());
  entries.push_back(work_dir.string());  // files the driver ships land here
  for (const char* name : {"SPARK_EXTRA_CLASSPATH", "SPARK_DIST_CLASSPATH"})
    if (auto value = value_of(env, name); !value.empty()) entries.push_back(value);
  return strings::join(entries, ":");
}

}  // namespace

Environment current_environment() {
  Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos) env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return env;
}

std::vector<std::string> driver_bind_confs(const Environment& env) {
  const std::string address = value_of(env, "SPARK_DRIVER_BIND_ADDRESS");
  if (address.empty()) return {};
  return {"--conf", "spark.driver.bindAddress=" + address, "--conf",
          "spark.executorEnv.SPARK_DRIVER_POD_IP=" + address};
}

std::vector<std::string> driver_command(const fs::path& spark_home, const Environment& env,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> argv = {(spark_home / "bin" / "spark-submit").string()};
  const auto bind = driver_bind_confs(env);
  argv.insert(argv.end(), bind.begin(), bind.end());
  argv.insert(argv.end(), {"--deploy-mode", "client"});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

const std::vector<std::string>& executor_variables() {
  static const std::vector<std::string> names = {"SPARK_HOME",
                                                 "SPARK_EXECUTOR_MEMORY",
                                                 "SPARK_DRIVER_URL",
                                                 "SPARK_EXECUTOR_ID",
                                                 "SPARK_EXECUTOR_CORES",
                                                 "SPARK_APPLICATION_ID",
                                                 "SPARK_EXECUTOR_POD_IP",
                                                 "SPARK_RESOURCE_PROFILE_ID",
                                                 "SPARK_EXECUTOR_POD_NAME"};
  return names;
}

std::vector<std::string> executor_command(const Environment& env, const fs::path& work_dir) {
  std::vector<std::string> missing;
  for (const auto& name : executor_variables())
    if (value_of(env, name).empty()) missing.push_back(name);
  if (!missing.empty())
    throw Error::usage("executor: " + strings::join(missing, ", ") +
                       (missing.size() == 1 ? " is" : " are") +
                       " not set (Spark sets them in its executor pods; see docs/entrypoint.md)");

  const fs::path spark_home = value_of(env, "SPARK_HOME");
  const std::string java_home = value_of(env, "JAVA_HOME");
  std::vector<std::string> argv = {
      java_home.empty() ? "java" : (fs::path(java_home) / "bin" / "java").string()};
  const auto java_options = executor_java_options(env);
  argv.insert(argv.end(), java_options.begin(), java_options.end());
  const std::string memory = value_of(env, "SPARK_EXECUTOR_MEMORY");
  argv.insert(argv.end(), {"-Xms" + memory, "-Xmx" + memory, "-cp",
                           executor_classpath(env, spark_home, work_dir), executor_backend});
  for (const auto& [option, variable] : std::vector<std::pair<std::string, std::string>>{
           {"--driver-url", "SPARK_DRIVER_URL"},
           {"--executor-id", "SPARK_EXECUTOR_ID"},
           {"--cores", "SPARK_EXECUTOR_CORES"},
           {"--app-id", "SPARK_APPLICATION_ID"},
           {"--hostname", "SPARK_EXECUTOR_POD_IP"},
           {"--resourceProfileId", "SPARK_RESOURCE_PROFILE_ID"},
           {"--podName", "SPARK_EXECUTOR_POD_NAME"}})
    argv.insert(argv.end(), {option, value_of(env, variable)});
  return argv;
}

std::optional<std::string> hadoop_dist_classpath(const Environment& env) {
  const std::string hadoop_home = value_of(env, "HADOOP_HOME");
  if (hadoop_home.empty() || !value_of(env, "SPARK_DIST_CLASSPATH").empty()) return std::nullopt;
  const auto output =
      run_and_capture({(fs::path(hadoop_home) / "bin" / "hadoop").string(), "classpath"});
  if (!output) {
    spdlog::warn("HADOOP_HOME={}: `hadoop classpath` failed; its jars are not on the classpath",
                 hadoop_home);
    return std::nullopt;
  }
  // The classpath is the last line; warnings may come before it.
  const auto lines = strings::split(strings::trim(*output), '\n');
  if (lines.empty()) return std::nullopt;
  return strings::trim(lines.back());
}

void exec_command(const std::vector<std::string>& argv) {
  std::vector<char*> c_argv;
  for (const auto& arg : argv) c_argv.push_back(const_cast<char*>(arg.c_str()));
  c_argv.push_back(nullptr);
  std::fflush(nullptr);
  spdlog::default_logger()->flush();
  execvp(c_argv[0], c_argv.data());
  throw Error::cluster("cannot run " + argv.front() + ": " + std::strerror(errno));
}

}  // namespace sparkctl::runtime
