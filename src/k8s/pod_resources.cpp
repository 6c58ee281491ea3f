#include "sparkctl/k8s/pod_resources.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {
namespace {

// Spark's defaults (spark.driver.minMemoryOverhead, *.memoryOverheadFactor).
constexpr double default_min_overhead_mib = 384;
constexpr double default_overhead_factor = 0.1;

// The number in front and the suffix after it ("512m" -> 512, "m").
std::pair<double, std::string> split_amount(const std::string& amount) {
  std::size_t used = 0;
  double number = 0;
  try {
    number = std::stod(amount, &used);
  } catch (const std::exception&) {
    return {0, amount};
  }
  return {number, amount.substr(used)};
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string mib_text(double mib) {
  char text[32];
  std::snprintf(text, sizeof text, mib == std::floor(mib) ? "%.0fMi" : "%.1fMi", mib);
  return text;
}

std::string spark_conf(const config::Config& config, const std::string& key) {
  const auto& conf = config.get_map(config::keys::spark_conf);
  const auto it = conf.find(key);
  return it == conf.end() ? "" : it->second;
}

double overhead_mib(const config::Config& config, const std::string& role, double memory_mib) {
  const std::string configured =
      config.get_string(config::keys::pod(role, config::keys::pod_memory_overhead));
  if (!configured.empty()) return spark_memory_mib(configured);
  std::string factor = spark_conf(config, "spark." + role + ".memoryOverheadFactor");
  if (factor.empty()) factor = spark_conf(config, "spark.kubernetes.memoryOverheadFactor");
  const std::string minimum = spark_conf(config, "spark." + role + ".minMemoryOverhead");
  double f = default_overhead_factor;
  try {
    if (!factor.empty()) f = std::stod(factor);
  } catch (const std::exception&) {
    throw Error::usage("spark.conf: " + factor + " is not a memory overhead factor");
  }
  const double min_mib = minimum.empty() ? default_min_overhead_mib : spark_memory_mib(minimum);
  return std::max(min_mib, std::floor(f * memory_mib));
}

void check_cpu(const config::Config& config, const std::string& role) {
  const std::string limit_key = config::keys::pod(role, config::keys::pod_core_limit);
  const std::string limit = config.get_string(limit_key);
  if (limit.empty()) return;
  std::string request = config.get_string(config::keys::pod(role, config::keys::pod_core_request));
  if (request.empty())
    request = std::to_string(config.get_int(config::keys::pod(role, config::keys::pod_cores)));
  if (cpu_millicores(limit) < cpu_millicores(request))
    throw Error::usage(limit_key + ": " + limit + " is below the " + role + " pod's CPU request " +
                       request + " (core_request, else cores): Kubernetes would refuse the pod");
}

void check_memory(const config::Config& config, const std::string& role) {
  const std::string limit_key = config::keys::pod(role, config::keys::pod_memory_limit);
  const std::string limit = config.get_string(limit_key);
  if (limit.empty()) return;
  const double request = pod_memory_request_mib(config, role);
  if (pod_memory_mib(limit) < request) {
    const std::string& heap = config.get_string(config::keys::pod(role, config::keys::pod_memory));
    const double memory = spark_memory_mib(heap);
    throw Error::usage(limit_key + ": " + limit + " is below the " + role +
                       " pod's memory request " + mib_text(request) + " (memory " + heap +
                       " + overhead " + mib_text(request - memory) +
                       "): Kubernetes would refuse the pod");
  }
}

}  // namespace

double spark_memory_mib(const std::string& amount) {
  auto [number, unit] = split_amount(amount);
  unit = lower(unit);
  if (!unit.empty() && unit.back() == 'b' && unit.size() == 2) unit.pop_back();  // "mb" -> "m"
  if (unit.empty() || unit == "m") return number;
  if (unit == "b") return number / (1024.0 * 1024.0);
  if (unit == "k") return number / 1024.0;
  if (unit == "g") return number * 1024.0;
  if (unit == "t") return number * 1024.0 * 1024.0;
  if (unit == "p") return number * 1024.0 * 1024.0 * 1024.0;
  throw Error::usage("not a memory amount: " + amount);
}

double pod_memory_mib(const std::string& quantity) {
  const auto [number, unit] = split_amount(quantity);
  if (unit.empty()) return number / (1024.0 * 1024.0);
  if (unit == "Ki") return number / 1024.0;
  if (unit == "Mi") return number;
  if (unit == "Gi") return number * 1024.0;
  if (unit == "Ti") return number * 1024.0 * 1024.0;
  throw Error::usage("not a Kubernetes memory quantity: " + quantity);
}

long cpu_millicores(const std::string& quantity) {
  const auto [number, unit] = split_amount(quantity);
  if (unit == "m") return std::lround(number);
  if (unit.empty()) return std::lround(number * 1000);
  throw Error::usage("not a Kubernetes CPU quantity: " + quantity);
}

double pod_memory_request_mib(const config::Config& config, const std::string& role) {
  const double memory =
      spark_memory_mib(config.get_string(config::keys::pod(role, config::keys::pod_memory)));
  return memory + overhead_mib(config, role, memory);
}

void add_pod_resources(const config::Config& config, const std::string& role,
                       nlohmann::ordered_json& pod_spec) {
  check_cpu(config, role);
  check_memory(config, role);
  using namespace config::keys;
  auto add_if_set = [&](const char* field, std::string_view setting) {
    const std::string& value = config.get_string(pod(role, setting));
    if (!value.empty()) pod_spec[field] = value;
  };
  pod_spec["cores"] = config.get_int(pod(role, pod_cores));
  add_if_set("coreRequest", pod_core_request);
  add_if_set("coreLimit", pod_core_limit);
  if (role == "executor") pod_spec["instances"] = config.get_int(kubernetes_executor_instances);
  pod_spec["memory"] = config.get_string(pod(role, pod_memory));
  add_if_set("memoryOverhead", pod_memory_overhead);
  add_if_set("memoryLimit", pod_memory_limit);
}

}  // namespace sparkctl::k8s
