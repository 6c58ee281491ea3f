#include "sparkctl/k8s/secret_data.hpp"

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {

std::map<std::string, std::string> secret_data(const nlohmann::json& secret) {
  std::map<std::string, std::string> values;
  const std::string name = secret.value("/metadata/name"_json_pointer, std::string("?"));
  // Named copies: items() of a temporary would dangle in the loop.
  const auto data = secret.value("data", nlohmann::json::object());
  const auto string_data = secret.value("stringData", nlohmann::json::object());
  for (const auto& [key, encoded] : data.items()) {
    auto decoded = encoded.is_string() ? base64_decode(encoded.get<std::string>()) : std::nullopt;
    if (!decoded)
      throw Error::cluster("Secret " + name + ": the value of key " + key + " is not base64");
    values[key] = std::move(*decoded);
  }
  for (const auto& [key, value] : string_data.items()) {
    if (value.is_string()) values[key] = value.get<std::string>();
  }
  return values;
}

}  // namespace sparkctl::k8s
