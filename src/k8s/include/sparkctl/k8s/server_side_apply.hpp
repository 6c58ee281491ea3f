// Server-side apply (PATCH application/apply-patch+yaml) as sparkctl's
// field manager: creates an object or brings the fields sparkctl sets to
// what it says, leaving fields other managers own alone, so running it
// twice changes nothing. Used by `sparkctl init`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sparkctl/k8s/client.hpp"

namespace sparkctl::k8s {

inline constexpr const char* field_manager_name = "sparkctl";

enum class ApplyOutcome { created, configured, unchanged };

// "created", "configured", "unchanged".
const char* describe(ApplyOutcome outcome);

struct Applied {
  ApplyOutcome outcome = ApplyOutcome::unchanged;
  nlohmann::json object;  // as the API server returned it
};

// Applies `object` at `path` (the object's own URL, e.g.
// /api/v1/namespaces/spark/serviceaccounts/spark). With `dry_run` the API
// server validates and answers without storing anything (dryRun=All).
// Conflicts with other managers are forced: the fields sparkctl sets are
// its own. A non-2xx answer throws ApiError.
Applied apply(Client& client, const std::string& path, const nlohmann::json& object, bool dry_run,
              const std::string& field_manager = field_manager_name);

}  // namespace sparkctl::k8s
