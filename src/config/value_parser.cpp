#include "value_parser.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <regex>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::config {

namespace {

[[noreturn]] void fail(const Item& item, const std::string& text, const std::string& hint = {}) {
  std::string message = "expected " + expectation(item) + ", got " + strings::quoted(text);
  if (!hint.empty()) message += " (did you mean " + hint + "?)";
  throw ValueError(message);
}

std::int64_t parse_integer(const Item& item, const std::string& raw) {
  std::string text = strings::trim(raw);
  if (text.empty()) fail(item, raw);
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0') fail(item, raw);
  if (errno == ERANGE || value < item.min || value > item.max) {
    throw ValueError("expected " + expectation(item) + ", got " + text + " (out of range)");
  }
  return value;
}

bool parse_boolean(const Item& item, const std::string& raw) {
  std::string text = strings::to_lower(strings::trim(raw));
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  fail(item, raw, boolean_hint(text));
}

std::string parse_choice(const Item& item, const std::string& raw) {
  std::string text = strings::trim(raw);
  for (const auto& choice : item.choices) {
    if (choice == text) return choice;
  }
  auto near = strings::closest(text, item.choices);
  fail(item, raw, near);
}

std::string parse_memory(const Item& item, const std::string& raw) {
  static const std::regex memory_pattern("^[0-9]+([kKmMgGtT][bB]?)?$");
  std::string text = strings::trim(raw);
  if (!std::regex_match(text, memory_pattern)) fail(item, raw);
  return text;
}

// Kubernetes reads "500m" CPUs as 0.5; more than three decimals it rounds.
std::string parse_cpu(const Item& item, const std::string& raw) {
  static const std::regex cpu_pattern(R"(^([0-9]+(\.[0-9]{1,3})?|[0-9]+m)$)");
  std::string text = strings::trim(raw);
  if (text.empty() || std::regex_match(text, cpu_pattern)) return text;
  fail(item, raw);
}

// Only the binary suffixes: Kubernetes' "512m" is 0.512 bytes, and the
// operator rewrites decimal ones such as "1G" into invalid quantities.
std::string parse_pod_memory(const Item& item, const std::string& raw) {
  static const std::regex quantity_pattern("^[0-9]+(Ki|Mi|Gi|Ti)?$");
  static const std::regex java_pattern("^([0-9]+)([kKmMgGtT])[bB]?$");
  std::string text = strings::trim(raw);
  if (text.empty() || std::regex_match(text, quantity_pattern)) return text;
  std::smatch java;
  if (std::regex_match(text, java, java_pattern))
    fail(item, raw, java[1].str() + static_cast<char>(std::toupper(java[2].str()[0])) + "i");
  fail(item, raw);
}

// The one duration parser (core/duration.hpp), then the item's range.
std::chrono::seconds parse_duration_value(const Item& item, const std::string& raw) {
  std::chrono::seconds value;
  try {
    value = parse_duration(raw);
  } catch (const DurationError& e) {
    throw ValueError(e.what());
  }
  if (value.count() < item.min || value.count() > item.max)
    throw ValueError("expected " + expectation(item) + ", got " + strings::trim(raw) +
                     " (out of range)");
  return value;
}

StringMap parse_map(const Item& item, const std::string& raw) {
  StringMap map;
  if (strings::trim(raw).empty()) return map;
  for (const auto& pair : strings::split(raw, ',')) {
    auto eq = pair.find('=');
    if (eq == std::string::npos) {
      throw ValueError("expected key=value pairs separated by ',', got " + strings::quoted(pair));
    }
    auto key = strings::trim(pair.substr(0, eq));
    check_map_key(item, key);
    auto value = strings::trim(pair.substr(eq + 1));
    check_pattern(item, value);
    map[key] = value;
  }
  return map;
}

}  // namespace

std::string boolean_hint(const std::string& text) {
  return strings::closest(text, {"true", "false"});
}

void check_map_key(const Item& item, const std::string& key) {
  if (key.empty()) throw ValueError("map keys must not be empty");
  if (!item.map_key_prefix.empty() && !strings::starts_with(key, item.map_key_prefix)) {
    throw ValueError("key " + strings::quoted(key) + " must start with '" + item.map_key_prefix +
                     "'");
  }
}

void check_pattern(const Item& item, const std::string& value) {
  if (item.value_pattern.empty()) return;
  if (!std::regex_match(value, std::regex(item.value_pattern))) {
    throw ValueError("expected " + item.value_pattern_help + ", got " + strings::quoted(value));
  }
}

Data parse_value(const Item& item, const std::string& text) {
  if (item.type != ValueType::string_map) check_pattern(item, text);
  switch (item.type) {
    case ValueType::integer:
      return parse_integer(item, text);
    case ValueType::boolean:
      return parse_boolean(item, text);
    case ValueType::choice:
      return parse_choice(item, text);
    case ValueType::memory:
      return parse_memory(item, text);
    case ValueType::cpu:
      return parse_cpu(item, text);
    case ValueType::pod_memory:
      return parse_pod_memory(item, text);
    case ValueType::string_map:
      return parse_map(item, text);
    case ValueType::duration:
      return parse_duration_value(item, text);
    case ValueType::string:
    case ValueType::secret:
      return text;
  }
  return text;
}

}  // namespace sparkctl::config
