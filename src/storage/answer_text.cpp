#include "answer_text.hpp"

namespace sparkctl::storage {

namespace {
// long enough for a server's sentence, short enough for one terminal line
constexpr std::size_t kMaxMessageLength = 200;
}  // namespace

std::string string_field(const nlohmann::json& json, const char* name) {
  if (!json.is_object()) return "";
  const auto it = json.find(name);
  return it != json.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string first_line(const std::string& body) {
  const auto line = body.substr(0, std::min(body.find('\n'), kMaxMessageLength));
  return line.empty() ? "no message" : line;
}

}  // namespace sparkctl::storage
