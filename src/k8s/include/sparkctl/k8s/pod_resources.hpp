// CPU and memory of the driver and executor pods, from kubernetes.<role>.*
// into the operator's SparkPodSpec fields. Spark requests memory +
// overhead for a pod and sets the limit to the same; memoryLimit (applied
// by the operator's webhook) may raise it, never lower it below the
// request: Kubernetes would refuse the pod.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sparkctl/config/config.hpp"

namespace sparkctl::k8s {

// Adds cores, coreRequest, coreLimit, memory, memoryOverhead and
// memoryLimit (the unset ones left out) to `pod`, the SparkApplication's
// spec.driver or spec.executor. `role` is "driver" or "executor". Throws
// Error::usage when a limit is below its request.
void add_pod_resources(const config::Config& config, const std::string& role,
                       nlohmann::ordered_json& pod);

// Memory in MiB: Spark's amounts ("512m", "1g", bare = MiB) and
// Kubernetes quantities ("896Mi", "2Gi", bare = bytes). Exposed for tests.
double spark_memory_mib(const std::string& amount);
double pod_memory_mib(const std::string& quantity);
// A CPU quantity ("300m", "0.5", "2") in millicores.
long cpu_millicores(const std::string& quantity);

// What Spark requests for the pod: memory + overhead (the configured one,
// else max(minMemoryOverhead, factor * memory) with Spark's defaults 384
// MiB and 0.1, or the spark.conf settings of either).
double pod_memory_request_mib(const config::Config& config, const std::string& role);

}  // namespace sparkctl::k8s
