#include "sparkctl/config/item.hpp"

#include <cctype>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::config {

namespace {

// "a duration from 1s to 168h (such as 90, 90s, 5m or 1h30m)".
std::string duration_expectation(const Item& item) {
  const std::string examples = std::string("such as ") + duration_examples;
  const bool has_min = item.min > 1;
  const bool has_max = item.max < max_duration.count();
  const auto text = [](std::int64_t seconds) {
    return canonical_duration(std::chrono::seconds(seconds));
  };
  if (has_min && has_max)
    return "a duration from " + text(item.min) + " to " + text(item.max) + " (" + examples + ")";
  if (has_min) return "a duration of at least " + text(item.min) + " (" + examples + ")";
  if (has_max) return "a duration of at most " + text(item.max) + " (" + examples + ")";
  return "a duration " + examples;
}

}  // namespace

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::string:
      return "string";
    case ValueType::integer:
      return "integer";
    case ValueType::boolean:
      return "boolean";
    case ValueType::choice:
      return "choice";
    case ValueType::memory:
      return "memory";
    case ValueType::cpu:
      return "cpu";
    case ValueType::pod_memory:
      return "pod memory";
    case ValueType::string_map:
      return "map";
    case ValueType::secret:
      return "secret";
    case ValueType::duration:
      return "duration";
  }
  return "?";
}

std::string environment_name(const std::string& key) {
  std::string name = "SPARKCTL_";
  for (char c : key) {
    name += (c == '.' || c == '-') ? '_'
                                   : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string expectation(const Item& item) {
  switch (item.type) {
    case ValueType::integer: {
      bool has_min = item.min != std::numeric_limits<std::int64_t>::min();
      bool has_max = item.max != std::numeric_limits<std::int64_t>::max();
      if (has_min && has_max) {
        return "an integer from " + std::to_string(item.min) + " to " + std::to_string(item.max);
      }
      if (has_min) return "an integer >= " + std::to_string(item.min);
      if (has_max) return "an integer <= " + std::to_string(item.max);
      return "an integer";
    }
    case ValueType::boolean:
      return "a boolean (true or false)";
    case ValueType::choice:
      return "one of " + strings::join(item.choices, ", ");
    case ValueType::memory:
      return "a memory amount such as 512m or 2g";
    case ValueType::cpu:
      return "a Kubernetes CPU quantity such as 300m, 0.5 or 2 (empty: not set)";
    case ValueType::pod_memory:
      return "a Kubernetes memory quantity such as 896Mi or 2Gi (bytes, Ki, Mi, Gi or Ti; empty: "
             "not set)";
    case ValueType::string_map:
      return item.map_key_prefix.empty()
                 ? std::string("a mapping of key: value")
                 : "a mapping whose keys start with '" + item.map_key_prefix + "'";
    case ValueType::duration:
      return duration_expectation(item);
    case ValueType::string:
    case ValueType::secret:
      return "a string";
  }
  return "a value";
}

}  // namespace sparkctl::config
