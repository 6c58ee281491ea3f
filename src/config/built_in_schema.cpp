// The built-in configuration table. One line per key: adding a key here
// gives it a default, a type check, a SPARKCTL_* variable and a row in
// `config show`. Job arguments are added by the job registry.
#include "sparkctl/config/schema.hpp"

namespace sparkctl::config {

namespace {

Item make(std::string key, ValueType type, std::string value, std::string help) {
  Item item;
  item.key = std::move(key);
  item.type = type;
  item.default_value = std::move(value);
  item.help = std::move(help);
  return item;
}

Item text(std::string key, std::string value, std::string help) {
  return make(std::move(key), ValueType::string, std::move(value), std::move(help));
}
Item secret(std::string key, std::string help) {
  return make(std::move(key), ValueType::secret, "", std::move(help));
}
Item with_range(Item item, std::int64_t min, std::int64_t max) {
  item.min = min;
  item.max = max;
  return item;
}
Item integer(std::string key, std::int64_t value, std::int64_t min, std::int64_t max,
             std::string help) {
  return with_range(
      make(std::move(key), ValueType::integer, std::to_string(value), std::move(help)), min, max);
}
Item boolean(std::string key, bool value, std::string help) {
  return make(std::move(key), ValueType::boolean, value ? "true" : "false", std::move(help));
}
Item memory(std::string key, std::string value, std::string help) {
  return make(std::move(key), ValueType::memory, std::move(value), std::move(help));
}
Item choice(std::string key, std::string value, std::vector<std::string> choices,
            std::string help) {
  Item item = make(std::move(key), ValueType::choice, std::move(value), std::move(help));
  item.choices = std::move(choices);
  return item;
}
Item map(std::string key, std::string help, std::string key_prefix = {}) {
  Item item = make(std::move(key), ValueType::string_map, "", std::move(help));
  item.map_key_prefix = std::move(key_prefix);
  return item;
}
Item cpu(std::string key, std::string value, std::string help) {
  return make(std::move(key), ValueType::cpu, std::move(value), std::move(help));
}
Item pod_memory(std::string key, std::string help) {
  return make(std::move(key), ValueType::pod_memory, "", std::move(help));
}
// A time span: `min` and `max` in seconds, the default as written ("1h").
Item duration(std::string key, std::string value, std::int64_t min, std::int64_t max,
              std::string help) {
  return with_range(make(std::move(key), ValueType::duration, std::move(value), std::move(help)),
                    min, max);
}
Item with_aliases(Item item, std::vector<std::string> aliases) {
  item.env_aliases = std::move(aliases);
  return item;
}
Item with_pattern(Item item, std::string pattern, std::string help) {
  item.value_pattern = std::move(pattern);
  item.value_pattern_help = std::move(help);
  return item;
}

// What the driver and executor pods get: the operator's cores, coreRequest,
// coreLimit, memory, memoryOverhead and memoryLimit. The defaults fit a
// driver and two executors on a 2-core node: 300m CPU and 512m + 384Mi
// overhead = 896Mi each (the driver peaks near 380Mi, executors 330Mi).
void add_pod_resources(Schema& s, const std::string& role, const std::string& who) {
  const std::string prefix = "kubernetes." + role + ".";
  s.add(integer(prefix + "cores", 1, 1, 256,
                who + " cores: Spark's task slots (spark." + role + ".cores)"));
  s.add(cpu(prefix + "core_request", "300m",
            "CPU the " + role + " pod requests (coreRequest; empty: cores)"));
  s.add(
      cpu(prefix + "core_limit", "", "CPU limit of the " + role + " pod (coreLimit; empty: none)"));
  s.add(memory(prefix + "memory", "512m", who + " JVM heap (spark." + role + ".memory)"));
  s.add(with_pattern(text(prefix + "memory_overhead", "",
                          "memory beyond the heap (memoryOverhead; empty: Spark's max(384m, 10% "
                          "of memory)); the pod requests memory + overhead"),
                     "^$|^[0-9]+([kKmMgGtT][bB]?)?$",
                     "a memory amount such as 384m or 1g, or empty for Spark's default"));
  s.add(pod_memory(prefix + "memory_limit",
                   "memory limit of the " + role +
                       " pod (memoryLimit, applied by the operator's webhook; empty: the "
                       "request)"));
}

}  // namespace

Schema built_in_schema() {
  Schema s;
  // spark: where and how jobs run.
  s.add(text("spark.app_name", "sparkctl-{job}",
             "Spark application name; {job} is replaced by the job name"));
  s.add(
      text("spark.master", "local[*]", "master of the local Spark Connect server sparkctl starts"));
  s.add(text("spark.version", "4.3.0",
             "Spark version of the cluster image (sparkVersion in the SparkApplication)"));
  s.add(with_aliases(
      with_pattern(text("spark.remote", "", "Spark Connect server to use instead of a local one"),
                   "^$|^sc://.+", "a Spark Connect URL sc://host:port"),
      {"SPARKCTL_REMOTE"}));
  s.add(text(
      "spark.home", "",
      "Spark installation for the local server (empty: $SPARK_HOME, then the set-up's pyspark)"));
  s.add(
      text("spark.java_home", "", "Java 17+ for the local server (empty: $JAVA_HOME, then PATH)"));
  s.add(integer("spark.connect_port", 0, 0, 65535,
                "port of the local Spark Connect server (0: any free port)"));
  s.add(duration("spark.startup_timeout", "3m", 5, 3600,
                 "how long to wait for the local Spark Connect server to start"));
  s.add(map("spark.conf",
            "extra Spark settings (spark.* keys) for the local server and the SparkApplication",
            "spark."));

  // kubernetes: the SparkApplication that submit creates.
  s.add(with_aliases(
      with_pattern(text("kubernetes.namespace", "spark", "namespace of SparkApplications"),
                   "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
                   "a Kubernetes namespace (a DNS-1123 label: at most 63 lower-case letters, "
                   "digits and '-', starting and ending with a letter or digit)"),
      {"SPARKCTL_NAMESPACE"}));
  s.add(text("kubernetes.context", "", "kubeconfig context (empty: the current context)"));
  s.add(text("kubernetes.kubeconfig", "",
             "kubeconfig path (empty: $KUBECONFIG, then ~/.kube/config, then in-cluster)"));
  s.add(with_aliases(
      text("kubernetes.image", "sparkctl/spark:latest", "container image with Spark and sparkctl"),
      {"SPARKCTL_IMAGE"}));
  // What `--requirements` installs packages for (the image's Python, not this machine's).
  s.add(with_pattern(text("kubernetes.image_python", "3.11",
                          "Python version of the image's python3, for --requirements"),
                     "^3\\.[0-9]+$", "a Python version such as 3.11"));
  s.add(with_pattern(text("kubernetes.image_platform", "manylinux_2_36_x86_64",
                          "wheel platform of the image, for --requirements: manylinux_2_<glibc "
                          "minor>_<arch> (older manylinux wheels are taken too)"),
                     "^manylinux_2_[0-9]+_[a-z0-9_]+$",
                     "a manylinux platform tag such as manylinux_2_36_x86_64"));
  s.add(choice("kubernetes.image_pull_policy", "IfNotPresent", {"Always", "IfNotPresent", "Never"},
               "image pull policy"));
  s.add(text("kubernetes.service_account", "spark", "service account of the driver pod"));
  s.add(with_pattern(text("kubernetes.image_pull_secret", "",
                          "image pull Secret `sparkctl init` binds to the service account (empty: "
                          "none)"),
                     "^$|^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$",
                     "a Secret name (lower-case letters, digits, '-' and '.')"));
  add_pod_resources(s, "driver", "driver");
  add_pod_resources(s, "executor", "per executor:");
  s.add(integer("kubernetes.executor.instances", 2, 1, 10000, "number of executors"));
  s.add(map("kubernetes.labels", "labels on the SparkApplication, driver and executors"));
  s.add(with_pattern(map("kubernetes.volumes",
                         "volumes mounted into driver and executors: name: kind:source:/mount/path "
                         "(kind: hostPath, emptyDir, configMap, pvc)"),
                     "^(hostPath|emptyDir|configMap|pvc):[^:]*:/.*$",
                     "kind:source:/mount/path with kind hostPath, emptyDir, configMap or pvc"));
  s.add(with_pattern(map("kubernetes.secrets",
                         "secrets mounted into driver and executors: secret-name: /mount/path"),
                     "^/.*$", "an absolute mount path"));
  s.add(integer("kubernetes.connect_port", 15002, 1024, 65535,
                "Spark Connect port of a driver that serves sessions (the interactive job) and of "
                "its Service"));
  s.add(duration("kubernetes.wait_timeout", "1h", 1, 604800,
                 "how long `submit --wait` and `wait` wait before giving up"));
  s.add(duration("kubernetes.pending_timeout", "5m", 1, 86400,
                 "how long a pod may wait for its image or a node before `wait` gives up on it "
                 "(at once for errors that cannot heal, such as ErrImageNeverPull)"));

  // storage: where the ETL job reads and writes.
  s.add(text("storage.base_uri", "",
             "bucket or base URI (gs://bucket, s3a://bucket, /local/dir); empty: paths are used as "
             "given"));
  s.add(text("storage.staging_uri", "",
             "where `submit app.py` and `schedule app.py` upload the application's local files, "
             "under a content address (s3a://bucket/prefix or gs://bucket/prefix)"));
  s.add(text("storage.secret", "",
             "Secret in kubernetes.namespace with the store's credentials for driver pods that "
             "fetch staged files (access_key and secret_key for S3)"));
  s.add(text("storage.key_file", "", "GCS service-account JSON key file"));
  s.add(text("storage.gcs.endpoint", "",
             "GCS JSON API root URL (empty: Google's); for GCS-compatible servers"));
  s.add(text("storage.input_path", "",
             "input CSV, relative to base_uri (empty: the shipped sample data/titanic.csv)"));
  s.add(text("storage.output_path", "output/titanic.parquet",
             "Parquet output, relative to base_uri"));
  s.add(text("storage.s3.endpoint", "", "S3 endpoint URL (empty: AWS)"));
  s.add(secret("storage.s3.access_key", "S3 access key"));
  s.add(secret("storage.s3.secret_key", "S3 secret key"));
  s.add(boolean("storage.s3.path_style", true,
                "path-style S3 addressing (needed by most S3-compatible stores)"));
  s.add(text("storage.s3.region", "", "S3 region"));
  return s;
}

}  // namespace sparkctl::config
