// What `sparkctl doctor` checks on a cluster, each as one result with the
// fix when it fails: the API server and its version, who you are, the
// namespace, the operator's APIs and its controller and webhook pods, the
// verbs sparkctl needs, the driver's service account, and (in pods of the
// configured image) cluster DNS and the image itself.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sparkctl/k8s/client.hpp"
#include "sparkctl/k8s/cluster.hpp"

namespace sparkctl::k8s {

struct CheckResult {
  std::string name;  // "api-server", "whoami", ... (for -o json)
  bool ok = false;
  std::string detail;  // what was found, one line
  std::string fix;     // what to do when it failed
};

struct CheckOptions {
  std::string namespace_;
  std::string service_account;
  std::string image;  // for the DNS check pod
  std::string image_pull_policy;
  bool check_image = false;   // --image: the image starts and sparkctl answers
  std::string checked_image;  // the image --image names; empty: `image`
  bool start_pods = true;     // false: skip the checks that start pods
  std::chrono::seconds pod_timeout{120};
};

// Runs every check in order, calling `on_result` as each ends (doctor
// prints as it goes). A check that cannot run because an earlier one
// failed (no API server) is skipped.
std::vector<CheckResult> run_cluster_checks(
    Cluster& cluster, const CheckOptions& options,
    const std::function<void(const CheckResult&)>& on_result);

// The verbs sparkctl's commands need in the namespace: "create
// sparkapplications.sparkoperator.k8s.io", "get pods/log", ...
std::vector<std::pair<std::string, std::string>> needed_verbs();

}  // namespace sparkctl::k8s
