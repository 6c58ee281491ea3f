// Every config key sparkctl's own code reads, by name: a mistyped name does
// not compile, and tests/config/keys_test.cpp checks that the built-in
// schema declares each one. The schema (built_in_schema.cpp) stays the one
// table of what a key means; this is the list of what the code relies on.
// Jobs read their own arguments through JobContext (jobs/job.hpp).
#pragma once

#include <string>
#include <string_view>

// One line per key: X(constant name, key).
#define SPARKCTL_CONFIG_KEYS(X)                                     \
  X(spark_version, "spark.version")                                 \
  X(spark_remote, "spark.remote")                                   \
  X(spark_master, "spark.master")                                   \
  X(spark_home, "spark.home")                                       \
  X(spark_java_home, "spark.java_home")                             \
  X(spark_connect_port, "spark.connect_port")                       \
  X(spark_startup_timeout, "spark.startup_timeout")                 \
  X(spark_conf, "spark.conf")                                       \
  X(kubernetes_namespace, "kubernetes.namespace")                   \
  X(kubernetes_context, "kubernetes.context")                       \
  X(kubernetes_kubeconfig, "kubernetes.kubeconfig")                 \
  X(kubernetes_image, "kubernetes.image")                           \
  X(kubernetes_image_python, "kubernetes.image_python")             \
  X(kubernetes_image_platform, "kubernetes.image_platform")         \
  X(kubernetes_image_pull_policy, "kubernetes.image_pull_policy")   \
  X(kubernetes_image_pull_secret, "kubernetes.image_pull_secret")   \
  X(kubernetes_service_account, "kubernetes.service_account")       \
  X(kubernetes_executor_instances, "kubernetes.executor.instances") \
  X(kubernetes_labels, "kubernetes.labels")                         \
  X(kubernetes_volumes, "kubernetes.volumes")                       \
  X(kubernetes_secrets, "kubernetes.secrets")                       \
  X(kubernetes_connect_port, "kubernetes.connect_port")             \
  X(kubernetes_wait_timeout, "kubernetes.wait_timeout")             \
  X(kubernetes_pending_timeout, "kubernetes.pending_timeout")       \
  X(storage_base_uri, "storage.base_uri")                           \
  X(storage_staging_uri, "storage.staging_uri")                     \
  X(storage_secret, "storage.secret")                               \
  X(storage_key_file, "storage.key_file")                           \
  X(storage_gcs_endpoint, "storage.gcs.endpoint")                   \
  X(storage_input_path, "storage.input_path")                       \
  X(storage_output_path, "storage.output_path")                     \
  X(storage_s3_endpoint, "storage.s3.endpoint")                     \
  X(storage_s3_access_key, "storage.s3.access_key")                 \
  X(storage_s3_secret_key, "storage.s3.secret_key")                 \
  X(storage_s3_path_style, "storage.s3.path_style")                 \
  X(storage_s3_region, "storage.s3.region")

// What the driver and the executor pod each get: kubernetes.<role>.<name>.
#define SPARKCTL_POD_KEYS(X)                \
  X(pod_cores, "cores")                     \
  X(pod_core_request, "core_request")       \
  X(pod_core_limit, "core_limit")           \
  X(pod_memory, "memory")                   \
  X(pod_memory_overhead, "memory_overhead") \
  X(pod_memory_limit, "memory_limit")

namespace sparkctl::config::keys {

#define SPARKCTL_CONFIG_KEY_CONSTANT(name, key) inline constexpr char name[] = key;
SPARKCTL_CONFIG_KEYS(SPARKCTL_CONFIG_KEY_CONSTANT)
SPARKCTL_POD_KEYS(SPARKCTL_CONFIG_KEY_CONSTANT)
#undef SPARKCTL_CONFIG_KEY_CONSTANT

#define SPARKCTL_CONFIG_KEY_ENTRY(name, key) key,
inline constexpr std::string_view all[] = {SPARKCTL_CONFIG_KEYS(SPARKCTL_CONFIG_KEY_ENTRY)};
inline constexpr std::string_view pod_settings[] = {SPARKCTL_POD_KEYS(SPARKCTL_CONFIG_KEY_ENTRY)};
#undef SPARKCTL_CONFIG_KEY_ENTRY

inline constexpr std::string_view pod_roles[] = {"driver", "executor"};

// kubernetes.<role>.<setting>, e.g. pod(role, pod_memory).
inline std::string pod(std::string_view role, std::string_view setting) {
  return "kubernetes." + std::string(role) + "." + std::string(setting);
}

// jobs.<job>.<argument>: a job's own argument.
inline std::string job_argument(std::string_view job, std::string_view argument) {
  return "jobs." + std::string(job) + "." + std::string(argument);
}

}  // namespace sparkctl::config::keys
