// Rendering a SparkApplication from the configuration and its driver program.
#include "sparkctl/k8s/application_render.hpp"

#include <cctype>
#include <ctime>
#include <random>
#include <regex>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/pod_resources.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

namespace {

using ojson = nlohmann::ordered_json;

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

nlohmann::ordered_json render_labels(const config::Config& config, const DriverProgram& program) {
  ojson labels = ojson::object();
  for (const auto& [k, v] : config.get_map(config::keys::kubernetes_labels)) labels[k] = v;
  if (!program.job.empty()) labels[job_label] = program.job;
  return labels;
}

nlohmann::ordered_json render_application(const config::Config& config,
                                          const RenderRequest& request) {
  const std::string& version = config.get_string(config::keys::spark_version);
  const DriverProgram& program = request.program;
  const ojson labels = render_labels(config, program);

  ojson sparkconf = ojson::object();
  for (const auto& [k, v] : config.get_map(config::keys::spark_conf)) sparkconf[k] = v;
  for (const auto& [k, v] : program.spark_conf) sparkconf[k] = v;
  if (program.serves_sessions) {
    add_connect_conf(sparkconf, request.name,
                     static_cast<int>(config.get_int(config::keys::kubernetes_connect_port)));
  }

  Volumes volumes = render_volumes(config);

  ojson app;
  app["apiVersion"] = spark_api_version;
  app["kind"] = spark_kind;
  app["metadata"] = {{"name", request.name}, {"namespace", request.namespace_}, {"labels", labels}};
  ojson spec;
  spec["type"] = program.type;
  spec["mode"] = "cluster";
  spec["image"] = config.get_string(config::keys::kubernetes_image);
  spec["imagePullPolicy"] = config.get_string(config::keys::kubernetes_image_pull_policy);
  spec["sparkVersion"] = version;
  if (!program.main_class.empty()) spec["mainClass"] = program.main_class;
  spec["mainApplicationFile"] = program.main_file;
  spec["arguments"] = program.arguments;
  spec["sparkConf"] = sparkconf;
  spec["restartPolicy"] = {{"type", "Never"}};
  spec["driver"] = pod_spec(config, "driver", labels, volumes);
  spec["executor"] = pod_spec(config, "executor", labels, volumes);
  app["spec"] = std::move(spec);
  return app;
}

std::string name_prefix(const std::string& name_base) {
  std::string base = strings::to_lower(name_base);
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

std::string generate_name(const std::string& name_base) {
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
  return name_prefix(name_base) + "-" + stamp + "-" + suffix;
}

void validate_name(const std::string& name) {
  static const std::regex label("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  if (name.size() > 63 || !std::regex_match(name, label)) {
    throw Error::usage("invalid application name \"" + name +
                       "\": use at most 63 lower-case letters, digits and '-', starting with a "
                       "letter and ending with a letter or digit");
  }
}

}  // namespace sparkctl::k8s
