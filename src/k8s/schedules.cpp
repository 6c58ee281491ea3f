#include "sparkctl/k8s/schedules.hpp"

#include <chrono>

#include "sparkctl/k8s/applications.hpp"

namespace sparkctl::k8s {

AppliedSchedule Schedules::apply(const nlohmann::json& manifest, bool dry_run) {
  const std::string name = manifest.value("/metadata/name"_json_pointer, std::string());
  const Applied applied = cluster_.call("patch", scheduled_plural, name, [&] {
    return k8s::apply(cluster_.client(), cluster_.operator_path(scheduled_plural, name), manifest,
                      dry_run);
  });
  return {applied.outcome, ScheduledSparkApplication::from_json(applied.object)};
}

ScheduledSparkApplication Schedules::get(const std::string& name) {
  return ScheduledSparkApplication::from_json(cluster_.call("get", scheduled_plural, name, [&] {
    return cluster_.client().get(cluster_.operator_path(scheduled_plural, name));
  }));
}

ScheduleList Schedules::list() {
  ScheduleList list;
  list.object = cluster_.call("list", scheduled_plural, "", [&] {
    return cluster_.client().get(cluster_.operator_path(scheduled_plural));
  });
  for (const auto& item : list.object.value("items", nlohmann::json::array()))
    list.items.push_back(ScheduledSparkApplication::from_json(item));
  return list;
}

void Schedules::set_suspended(const std::string& name, bool suspend) {
  cluster_.call("patch", scheduled_plural, name, [&] {
    return cluster_.client().patch(cluster_.operator_path(scheduled_plural, name),
                                   {{"spec", {{"suspend", suspend}}}},
                                   "application/merge-patch+json");
  });
}

void Schedules::remove(const std::string& name) {
  cluster_.call("delete", scheduled_plural, name, [&] {
    return cluster_.client().remove(cluster_.operator_path(scheduled_plural, name));
  });
}

SparkApplication Schedules::run_now(const std::string& name) {
  const auto schedule = get(name);
  return Applications(cluster_).create(
      run_now_application(schedule.object, std::chrono::system_clock::now()));
}

}  // namespace sparkctl::k8s
