// Reading what an HTTP server answered, for the stores' messages: a
// string field of a JSON answer, or the start of an answer that is not JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sparkctl::storage {

// The string `name` of a JSON object, "" when absent or not a string (or
// `json` is no object).
std::string string_field(const nlohmann::json& json, const char* name);

// The first line of `body`, cut to a readable length; "no message" when empty.
std::string first_line(const std::string& body);

}  // namespace sparkctl::storage
