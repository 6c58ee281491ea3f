// Reading fields of API objects that may lack them (a status the operator
// or kubelet has not written yet): a missing or mistyped field reads as
// empty instead of throwing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sparkctl::k8s {

// The field, or null.
inline const nlohmann::json& json_field(const nlohmann::json& object, const char* key) {
  static const nlohmann::json none;
  if (!object.is_object()) return none;
  const auto it = object.find(key);
  return it == object.end() ? none : *it;
}

// The field when it is an object, else an empty object.
inline const nlohmann::json& json_object(const nlohmann::json& object, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  const auto& value = json_field(object, key);
  return value.is_object() ? value : empty;
}

// The field when it is a string, else "".
inline std::string json_text(const nlohmann::json& object, const char* key) {
  const auto& value = json_field(object, key);
  return value.is_string() ? value.get<std::string>() : "";
}

}  // namespace sparkctl::k8s
