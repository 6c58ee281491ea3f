// One configuration item: its dotted key, type, default and help.
// The whole configuration is a table of these (see schema.hpp), so
// parsing, precedence, environment names and `config show` all walk the
// same table and adding a key is one line.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace sparkctl::config {

enum class ValueType {
  string,      // free text
  integer,     // whole number within [min, max]
  boolean,     // true/false (also yes/no, on/off, 1/0)
  choice,      // one of `choices`
  memory,      // Spark/Kubernetes memory amount: 512m, 2g, 1024
  cpu,         // Kubernetes CPU quantity: 300m, 0.5, 2 ("" = not set)
  pod_memory,  // Kubernetes memory quantity in bytes or Ki/Mi/Gi/Ti: 896Mi ("" = not set)
  string_map,  // key -> value (from a YAML mapping, or "k=v,k2=v2" in env / CLI)
  secret,      // like string, but never printed (masked in `config show`, logs)
  duration,    // a time span within [min, max] seconds: 90, 90s, 5m, 1h30m (core/duration.hpp)
};

const char* type_name(ValueType type);

using StringMap = std::map<std::string, std::string>;
using Data = std::variant<std::string, std::int64_t, bool, StringMap, std::chrono::seconds>;

struct Item {
  std::string key;  // dotted: "kubernetes.executor.instances", "jobs.pi.partitions"
  ValueType type = ValueType::string;
  std::string default_value;  // textual, parsed like any other layer
  std::string help;           // one line
  std::int64_t min = std::numeric_limits<std::int64_t>::min();  // seconds for a duration
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
  std::vector<std::string> choices;      // for ValueType::choice
  std::vector<std::string> env_aliases;  // extra SPARKCTL_* names besides the derived one
  // For string_map items: an optional rule each map key must follow
  // (e.g. "spark." prefix for spark.conf). Empty = any key.
  std::string map_key_prefix;
  // Optional regular expression every value (each map value, for maps)
  // must match, and how to describe it in errors ("kind:source:/mount/path").
  std::string value_pattern;
  std::string value_pattern_help;
};

// SPARKCTL_ + key upper-cased with '.' -> '_': spark.remote -> SPARKCTL_SPARK_REMOTE
std::string environment_name(const std::string& key);

// Describes the accepted values of an item, for help and error text:
// "an integer from 1 to 100000", "one of Always, IfNotPresent, Never".
std::string expectation(const Item& item);

}  // namespace sparkctl::config
