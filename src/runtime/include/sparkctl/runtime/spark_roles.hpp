// The commands of Spark's container roles, built from the environment that
// Spark on Kubernetes gives its pods, as Spark's own image entrypoint built
// them (the image has no such script: pyspark's package carries none).
//   driver ARGS   spark-submit in client mode inside the driver pod
//   executor      the JVM of KubernetesExecutorBackend, connecting to the
//                 driver named by SPARK_DRIVER_URL
// docs/entrypoint.md lists every variable and what it becomes.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparkctl::runtime {

using Environment = std::map<std::string, std::string>;

// This process's environment.
Environment current_environment();

// `--conf spark.driver.bindAddress=IP --conf
// spark.executorEnv.SPARK_DRIVER_POD_IP=IP` for SPARK_DRIVER_BIND_ADDRESS
// (Spark sets it to the pod's IP: spark.driver.host names the driver's
// headless Service, which resolves only once the pod is ready). Empty when
// the variable is not set (a driver run outside a pod).
std::vector<std::string> driver_bind_confs(const Environment& env);

// A driver: <spark_home>/bin/spark-submit <bind confs> --deploy-mode
// client ARGS (the spark-submit options, the primary resource, the
// application's arguments), so the pod itself is the driver.
std::vector<std::string> driver_command(const std::filesystem::path& spark_home,
                                        const Environment& env,
                                        const std::vector<std::string>& args);

// The environment variables an executor pod must have (Spark sets them).
const std::vector<std::string>& executor_variables();

// $JAVA_HOME/bin/java (or java on PATH), the SPARK_JAVA_OPT_<n> values in
// the order of n, -Xms/-Xmx$SPARK_EXECUTOR_MEMORY, the classpath, and
// KubernetesExecutorBackend with the executor's identity. The classpath:
// $SPARK_CONF_DIR (else $SPARK_HOME/conf), $HADOOP_CONF_DIR,
// $SPARK_CLASSPATH (spark.executor.extraClassPath), $SPARK_HOME/jars/*,
// `work_dir`, $SPARK_EXTRA_CLASSPATH, $SPARK_DIST_CLASSPATH; unset ones
// are left out. Throws Error::usage naming every missing variable.
std::vector<std::string> executor_command(const Environment& env,
                                          const std::filesystem::path& work_dir);

// Hadoop's classpath (`$HADOOP_HOME/bin/hadoop classpath`) when
// HADOOP_HOME is set and SPARK_DIST_CLASSPATH is not: an image with a
// Hadoop of its own. nullopt otherwise or when hadoop fails.
std::optional<std::string> hadoop_dist_classpath(const Environment& env);

// Replaces this process with `argv` (argv[0] without a slash is looked up
// on PATH). Returns only by throwing Error::cluster.
[[noreturn]] void exec_command(const std::vector<std::string>& argv);

}  // namespace sparkctl::runtime
