// The values of a Secret object: its `data` decoded from base64, with
// `stringData` (as a create request may carry it) taken as is.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace sparkctl::k8s {

// Throws Error::cluster naming the Secret and key when a value is not
// base64. The values are secrets: never log them.
std::map<std::string, std::string> secret_data(const nlohmann::json& secret);

}  // namespace sparkctl::k8s
