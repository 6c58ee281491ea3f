#include "sparkctl/k8s/server_side_apply.hpp"

#include "sparkctl/k8s/api_error.hpp"

namespace sparkctl::k8s {
namespace {

// The object without what every write changes: the same content means
// nothing changed (a dry run keeps the resourceVersion either way).
nlohmann::json content(nlohmann::json object) {
  if (auto metadata = object.find("metadata"); metadata != object.end() && metadata->is_object()) {
    for (const char* field : {"resourceVersion", "managedFields", "generation"})
      metadata->erase(field);
  }
  return object;
}

}  // namespace

const char* describe(ApplyOutcome outcome) {
  switch (outcome) {
    case ApplyOutcome::created:
      return "created";
    case ApplyOutcome::configured:
      return "configured";
    case ApplyOutcome::unchanged:
      return "unchanged";
  }
  return "applied";
}

Applied apply(Client& client, const std::string& path, const nlohmann::json& object, bool dry_run,
              const std::string& field_manager) {
  // What was there before tells created from configured from unchanged.
  const auto before = client.request("GET", path, "", "");
  if (before.status != 200 && before.status != 404)
    throw ApiError::from_response(before.status, before.body);

  std::string query = "?fieldManager=" + field_manager + "&force=true";
  if (dry_run) query += "&dryRun=All";
  // JSON is YAML: the apply body needs no YAML writer.
  const auto response =
      client.request("PATCH", path + query, object.dump(), "application/apply-patch+yaml");
  if (response.status < 200 || response.status >= 300)
    throw ApiError::from_response(response.status, response.body);

  Applied applied;
  applied.object = response.json();
  if (before.status == 404)
    applied.outcome = ApplyOutcome::created;
  else if (content(applied.object) == content(before.json()))
    applied.outcome = ApplyOutcome::unchanged;
  else
    applied.outcome = ApplyOutcome::configured;
  return applied;
}

}  // namespace sparkctl::k8s
