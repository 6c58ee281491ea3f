// Rendering a SparkApplication from the configuration, and reading its status.
#include "sparkctl/k8s/spark_application.hpp"

#include <cctype>
#include <ctime>
#include <random>
#include <regex>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/pod_resources.hpp"

namespace sparkctl::k8s {

namespace {

using ojson = nlohmann::ordered_json;

std::string text_of(const config::Data& data) {
  if (const auto* s = std::get_if<std::string>(&data)) return *s;
  if (const auto* b = std::get_if<bool>(&data)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&data)) return std::to_string(*i);
  if (const auto* d = std::get_if<std::chrono::seconds>(&data)) return canonical_duration(*d);
  std::vector<std::string> pairs;
  for (const auto& [k, v] : std::get<config::StringMap>(data)) pairs.push_back(k + "=" + v);
  return strings::join(pairs, ",");
}

// `--job NAME --job-args k=v ...` with every argument of the job as the
// configuration resolved it here: the driver pod has no copy of the
// user's config file, so defaults and file values are passed explicitly.
// An empty value whose default is empty too is left out (no `message=`):
// the entrypoint takes the built-in default for what is absent.
ojson job_arguments(const config::Config& config, const std::string& job) {
  ojson args = ojson::array({"--job", job});
  const std::string prefix = "jobs." + job + ".";
  std::vector<std::string> pairs;
  for (const auto& entry : config.entries()) {
    const std::string& key = entry.item->key;
    if (!strings::starts_with(key, prefix)) continue;
    if (entry.item->type == config::ValueType::secret) continue;  // never into a spec
    const std::string value = text_of(entry.value);
    if (value.empty() && entry.item->default_value.empty()) continue;
    pairs.push_back(key.substr(prefix.size()) + "=" + value);
  }
  if (!pairs.empty()) {
    args.push_back("--job-args");
    for (auto& pair : pairs) args.push_back(std::move(pair));
  }
  return args;
}

// A volume name must be a DNS-1123 label; secret names may hold dots.
std::string volume_name_for_secret(const std::string& secret) {
  std::string name = "secret-" + strings::to_lower(secret);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  if (name.size() > 63) name.resize(63);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

struct Volumes {
  ojson volumes = ojson::array();
  ojson mounts = ojson::array();
};

// kubernetes.volumes: name -> kind:source:/mount/path (the schema checked
// the shape); kubernetes.secrets: secret-name -> /mount/path.
Volumes render_volumes(const config::Config& config) {
  Volumes out;
  for (const auto& [name, spec] : config.get_map(config::keys::kubernetes_volumes)) {
    auto first = spec.find(':');
    auto second = spec.find(':', first + 1);
    const std::string kind = spec.substr(0, first);
    const std::string source = spec.substr(first + 1, second - first - 1);
    const std::string mount_path = spec.substr(second + 1);
    ojson volume = {{"name", name}};
    if (kind == "hostPath") {
      volume["hostPath"] = {{"path", source}};
    } else if (kind == "emptyDir") {
      // source: "" (node disk), "Memory" (tmpfs) or a size limit such as 1Gi.
      volume["emptyDir"] = ojson::object();
      if (source == "Memory")
        volume["emptyDir"]["medium"] = "Memory";
      else if (!source.empty())
        volume["emptyDir"]["sizeLimit"] = source;
    } else if (kind == "configMap") {
      volume["configMap"] = {{"name", source}};
    } else if (kind == "pvc") {
      volume["persistentVolumeClaim"] = {{"claimName", source}};
    } else {
      throw Error::usage("kubernetes.volumes." + name + ": unknown volume kind '" + kind + "'");
    }
    if ((kind != "emptyDir") && source.empty()) {
      throw Error::usage("kubernetes.volumes." + name + ": " + kind + " needs a source (" + spec +
                         ")");
    }
    out.volumes.push_back(std::move(volume));
    out.mounts.push_back({{"name", name}, {"mountPath", mount_path}});
  }
  for (const auto& [secret, mount_path] : config.get_map(config::keys::kubernetes_secrets)) {
    const std::string name = volume_name_for_secret(secret);
    out.volumes.push_back({{"name", name}, {"secret", {{"secretName", secret}}}});
    out.mounts.push_back({{"name", name}, {"mountPath", mount_path}, {"readOnly", true}});
  }
  return out;
}

ojson pod_spec(const config::Config& config, const std::string& role, const ojson& labels,
               const Volumes& volumes) {
  ojson pod;
  add_pod_resources(config, role, pod);
  pod["serviceAccount"] = config.get_string(config::keys::kubernetes_service_account);
  pod["labels"] = labels;
  // Volumes go through the pod template: spec.volumes/volumeMounts are
  // applied only by the operator's optional mutating webhook, the template
  // by spark-submit itself, so they reach the pods with or without it.
  if (!volumes.volumes.empty()) {
    ojson container = {{"name", "spark-kubernetes-" + role}, {"volumeMounts", volumes.mounts}};
    pod["template"] = {
        {"spec", {{"volumes", volumes.volumes}, {"containers", ojson::array({container})}}}};
  }
  return pod;
}

}  // namespace

std::string applications_path(const std::string& ns) {
  return std::string("/apis/") + spark_api_version + "/namespaces/" + ns + "/" + spark_plural;
}

std::string application_path(const std::string& ns, const std::string& name) {
  return applications_path(ns) + "/" + name;
}

nlohmann::ordered_json render_labels(const config::Config& config, const std::string& job) {
  ojson labels = ojson::object();
  for (const auto& [k, v] : config.get_map(config::keys::kubernetes_labels)) labels[k] = v;
  labels[job_label] = job;
  return labels;
}

nlohmann::ordered_json render_application(const config::Config& config,
                                          const RenderRequest& request) {
  const std::string& version = config.get_string(config::keys::spark_version);
  const ojson labels = render_labels(config, request.job);

  ojson sparkconf = ojson::object();
  for (const auto& [k, v] : config.get_map(config::keys::spark_conf)) sparkconf[k] = v;
  if (request.serves_sessions) {
    add_connect_conf(sparkconf, request.name,
                     static_cast<int>(config.get_int(config::keys::kubernetes_connect_port)));
  }

  Volumes volumes = render_volumes(config);

  ojson app;
  app["apiVersion"] = spark_api_version;
  app["kind"] = spark_kind;
  app["metadata"] = {{"name", request.name}, {"namespace", request.namespace_}, {"labels", labels}};
  ojson spec;
  spec["type"] = "Scala";
  spec["mode"] = "cluster";
  spec["image"] = config.get_string(config::keys::kubernetes_image);
  spec["imagePullPolicy"] = config.get_string(config::keys::kubernetes_image_pull_policy);
  spec["sparkVersion"] = version;
  spec["mainClass"] = runtime::driver_main_class;
  spec["mainApplicationFile"] = runtime::driver_resource;
  spec["arguments"] = job_arguments(config, request.job);
  spec["sparkConf"] = sparkconf;
  spec["restartPolicy"] = {{"type", "Never"}};
  spec["driver"] = pod_spec(config, "driver", labels, volumes);
  spec["executor"] = pod_spec(config, "executor", labels, volumes);
  app["spec"] = std::move(spec);
  return app;
}

std::string name_prefix(const std::string& job) {
  std::string base = strings::to_lower(job);
  for (char& c : base) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  }
  if (base.empty() || !std::isalpha(static_cast<unsigned char>(base.front()))) base = "job-" + base;
  // 63 - len("-yyyymmdd-hhmmss-xxxx") - len("-ui-svc"), so the operator's
  // service name for the UI is still a valid label.
  if (base.size() > 35) base.resize(35);
  while (!base.empty() && base.back() == '-') base.pop_back();
  return base;
}

std::string generate_name(const std::string& job) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);

  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::uniform_int_distribution<int> pick(0, sizeof alphabet - 2);
  std::string suffix;
  for (int i = 0; i < 4; ++i) suffix += alphabet[pick(device)];
  return name_prefix(job) + "-" + stamp + "-" + suffix;
}

void validate_name(const std::string& name) {
  static const std::regex label("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  if (name.size() > 63 || !std::regex_match(name, label)) {
    throw Error::usage("invalid application name \"" + name +
                       "\": use at most 63 lower-case letters, digits and '-', starting with a "
                       "letter and ending with a letter or digit");
  }
}

std::string ApplicationSummary::executor_counts() const {
  std::map<std::string, int> counts;
  for (const auto& [pod, state] : executors) ++counts[state];
  std::vector<std::string> parts;
  for (const auto& [state, count] : counts) parts.push_back(std::to_string(count) + " " + state);
  return strings::join(parts, ", ");
}

ApplicationSummary summarize(const nlohmann::json& app) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto object_at = [](const nlohmann::json& j, const char* key) -> const nlohmann::json& {
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
  };
  auto text_at = [](const nlohmann::json& j, const char* key) -> std::string {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number_at = [](const nlohmann::json& j, const char* key) -> long {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<long>() : 0;
  };

  ApplicationSummary s;
  const auto& metadata = object_at(app, "metadata");
  s.name = text_at(metadata, "name");
  s.namespace_ = text_at(metadata, "namespace");
  s.created = text_at(metadata, "creationTimestamp");
  s.job = text_at(object_at(metadata, "labels"), job_label);

  const auto& status = object_at(app, "status");
  const auto& state = object_at(status, "applicationState");
  s.state = text_at(state, "state");
  s.error_message = text_at(state, "errorMessage");
  s.submitted = text_at(status, "lastSubmissionAttemptTime");
  s.terminated = text_at(status, "terminationTime");
  s.submission_attempts = number_at(status, "submissionAttempts");
  s.execution_attempts = number_at(status, "executionAttempts");

  const auto& driver = object_at(status, "driverInfo");
  s.driver_pod = text_at(driver, "podName");
  s.ui_service = text_at(driver, "webUIServiceName");
  s.ui_address = text_at(driver, "webUIIngressAddress");
  if (s.ui_address.empty()) s.ui_address = text_at(driver, "webUIAddress");

  for (const auto& [pod, executor_state] : object_at(status, "executorState").items()) {
    if (executor_state.is_string()) s.executors[pod] = executor_state.get<std::string>();
  }
  return s;
}

}  // namespace sparkctl::k8s
