#include "sparkctl/k8s/object_meta.hpp"

#include "json_fields.hpp"

namespace sparkctl::k8s {

std::string ObjectMeta::label(const std::string& key) const {
  const auto it = labels.find(key);
  return it == labels.end() ? "" : it->second;
}

bool ObjectMeta::owned_by(const std::string& kind, const std::string& owner) const {
  for (const auto& reference : owner_references)
    if (reference.kind == kind && reference.name == owner) return true;
  return false;
}

ObjectMeta ObjectMeta::from_json(const nlohmann::json& object) {
  const auto& metadata = json_object(object, "metadata");
  ObjectMeta meta;
  meta.name = json_text(metadata, "name");
  meta.namespace_ = json_text(metadata, "namespace");
  meta.uid = json_text(metadata, "uid");
  meta.resource_version = json_text(metadata, "resourceVersion");
  meta.creation_timestamp = json_text(metadata, "creationTimestamp");
  for (const auto& [key, value] : json_object(metadata, "labels").items())
    if (value.is_string()) meta.labels[key] = value.get<std::string>();
  const auto& owners = json_field(metadata, "ownerReferences");
  if (owners.is_array()) {
    for (const auto& owner : owners) {
      meta.owner_references.push_back({json_text(owner, "apiVersion"), json_text(owner, "kind"),
                                       json_text(owner, "name"), json_text(owner, "uid")});
    }
  }
  return meta;
}

}  // namespace sparkctl::k8s
