// The metadata every API object carries, as far as sparkctl reads it:
// names, labels, owners, and when it was made. Reading tolerates what a
// fresh object lacks (no uid before the API server stored it).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sparkctl::k8s {

struct OwnerReference {
  std::string api_version, kind, name, uid;
};

struct ObjectMeta {
  std::string name;
  std::string namespace_;
  std::string uid;
  std::string resource_version;
  std::string creation_timestamp;  // RFC 3339
  std::map<std::string, std::string> labels;
  std::vector<OwnerReference> owner_references;

  // The label's value, "" when it has none.
  std::string label(const std::string& key) const;
  bool owned_by(const std::string& kind, const std::string& name) const;

  static ObjectMeta from_json(const nlohmann::json& object);  // reads object["metadata"]
};

}  // namespace sparkctl::k8s
