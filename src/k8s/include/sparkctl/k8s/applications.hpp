// The operations on the SparkApplications of one namespace, as client-go's
// typed client gives them. Each answers in typed objects and throws
// sparkctl::Error in the user's words, never a raw ApiError.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

struct ApplicationList {
  std::vector<SparkApplication> items;
  nlohmann::json object;  // the List as the API server returned it (for -o yaml|json)
};

class Applications {
 public:
  explicit Applications(Cluster& cluster) : cluster_(cluster) {}

  // `manifest` created as is; a server dry run validates without storing.
  SparkApplication create(const nlohmann::json& manifest, bool dry_run = false);
  SparkApplication get(const std::string& name);
  // nullopt when it does not exist (any other refusal throws).
  std::optional<SparkApplication> find(const std::string& name);
  // All of the namespace, or those of one compiled-in job (its label).
  ApplicationList list(const std::string& job = "");
  // False when there was none to delete.
  bool remove(const std::string& name);
  // Until GET answers 404 (the operator's finalizer may hold it a while);
  // Error::cluster after `timeout`.
  void wait_until_deleted(const std::string& name, std::chrono::seconds timeout);

  enum class WatchEnd {
    stopped,  // on_change returned false
    deleted,  // the application was deleted
    timed_out,
  };
  // Lists, then watches `name` until `on_change` returns false, it is
  // deleted or `deadline` passes. `seen` says whether any event came.
  WatchEnd watch(const std::string& name,
                 const std::function<bool(const SparkApplication&)>& on_change,
                 std::chrono::steady_clock::time_point deadline, bool& seen);

 private:
  Cluster& cluster_;
};

}  // namespace sparkctl::k8s
