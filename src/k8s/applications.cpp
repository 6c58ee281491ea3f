#include "sparkctl/k8s/applications.hpp"

#include <thread>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

SparkApplication Applications::create(const nlohmann::json& manifest, bool dry_run) {
  const std::string name = manifest.value("/metadata/name"_json_pointer, std::string());
  return SparkApplication::from_json(cluster_.call("create", spark_plural, name, [&] {
    return cluster_.client().create(cluster_.operator_path(spark_plural), manifest, dry_run);
  }));
}

SparkApplication Applications::get(const std::string& name) {
  return SparkApplication::from_json(cluster_.call("get", spark_plural, name, [&] {
    return cluster_.client().get(cluster_.operator_path(spark_plural, name));
  }));
}

std::optional<SparkApplication> Applications::find(const std::string& name) {
  const auto response =
      cluster_.client().request("GET", cluster_.operator_path(spark_plural, name), "", "");
  if (response.status == 404) return std::nullopt;
  if (response.status < 200 || response.status >= 300) {
    explain(ApiError::from_response(response.status, response.body),
            {"get", spark_plural, cluster_.namespace_(), name}, cluster_.server());
  }
  return SparkApplication::from_json(response.json());
}

ApplicationList Applications::list(const std::string& job) {
  std::string path = cluster_.operator_path(spark_plural);
  // Job names are [a-z0-9_]; '/' and '=' are escaped for the query.
  if (!job.empty()) path += "?labelSelector=sparkctl.dev%2Fjob%3D" + job;
  ApplicationList list;
  list.object =
      cluster_.call("list", spark_plural, "", [&] { return cluster_.client().get(path); });
  const auto items = list.object.find("items");
  if (items != list.object.end() && items->is_array())
    for (const auto& item : *items) list.items.push_back(SparkApplication::from_json(item));
  return list;
}

bool Applications::remove(const std::string& name) {
  const auto response =
      cluster_.client().request("DELETE", cluster_.operator_path(spark_plural, name), "", "");
  if (response.status == 404 &&
      response.body.find("\"" + name + "\" not found") != std::string::npos)
    return false;
  if (response.status < 200 || response.status >= 300) {
    explain(ApiError::from_response(response.status, response.body),
            {"delete", spark_plural, cluster_.namespace_(), name}, cluster_.server());
  }
  return true;
}

void Applications::wait_until_deleted(const std::string& name, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (find(name)) {
    if (Clock::now() >= deadline) {
      throw Error::cluster("timed out after " + format_duration(timeout) +
                           " waiting for SparkApplication \"" + name +
                           "\" to be deleted (a finalizer may be holding it)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

Applications::WatchEnd Applications::watch(
    const std::string& name, const std::function<bool(const SparkApplication&)>& on_change,
    Clock::time_point deadline, bool& seen) {
  bool deleted = false;
  seen = false;
  const bool stopped = cluster_.call("watch", spark_plural, name, [&] {
    return cluster_.client().watch(
        cluster_.operator_path(spark_plural), "metadata.name=" + name,
        [&](const std::string& type, const nlohmann::json& object) {
          seen = true;
          if (type == "DELETED") {
            deleted = true;
            return false;
          }
          return on_change(SparkApplication::from_json(object));
        },
        deadline);
  });
  if (deleted) return WatchEnd::deleted;
  return stopped ? WatchEnd::stopped : WatchEnd::timed_out;
}

}  // namespace sparkctl::k8s
