// Small string helpers shared by config, CLI and jobs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sparkctl::strings {

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char separator);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string to_lower(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// "text" (in double quotes, as messages name things).
std::string quoted(std::string_view text);
// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word`, or "" when none is within a useful distance.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// A Spark Connect connection string (sc://host:port/;token=...;...) with
// the token's value replaced by "***": what logs and errors may show.
std::string mask_connect_token(std::string_view connection_string);

}  // namespace sparkctl::strings
