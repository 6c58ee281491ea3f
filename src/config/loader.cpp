#include <cstdlib>

#include "layers.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/paths.hpp"
#include "value_parser.hpp"

namespace sparkctl::config {

namespace {

// --config, then $SPARKCTL_CONFIG, then ./config/conf.yaml, then the one
// that ships beside the binary. Only an explicitly named file must exist.
std::string find_config_file(const std::string& requested, bool search_default_locations) {
  if (!requested.empty()) {
    if (!paths::exists(requested)) throw Error::usage("config file not found: " + requested);
    return requested;
  }
  if (const char* from_env = std::getenv("SPARKCTL_CONFIG"); from_env && *from_env) {
    if (!paths::exists(from_env)) {
      throw Error::usage("config file not found: " + std::string(from_env) +
                         " (from SPARKCTL_CONFIG)");
    }
    return from_env;
  }
  if (!search_default_locations) return {};
  if (paths::exists("config/conf.yaml")) return "config/conf.yaml";
  auto root = paths::project_root();
  if (!root.empty() && paths::exists(root + "/config/conf.yaml")) return root + "/config/conf.yaml";
  return {};
}

std::vector<Entry> defaults(const Schema& schema) {
  std::vector<Entry> entries;
  entries.reserve(schema.items().size());
  for (const auto& item : schema.items()) {
    Entry entry;
    entry.item = &item;
    try {
      entry.value = parse_value(item, item.default_value);
    } catch (const ValueError& e) {
      throw std::logic_error("bad built-in default for " + item.key + ": " + e.what());
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

std::pair<std::string, std::string> parse_assignment(const std::string& word,
                                                     const std::string& flag) {
  auto eq = word.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw Error::usage(flag + ": expected key=value, got \"" + word + "\"");
  }
  return {word.substr(0, eq), word.substr(eq + 1)};
}

Config load(const Schema& schema, const LoadRequest& request) {
  auto entries = defaults(schema);
  auto path = find_config_file(request.config_path, request.search_default_locations);
  if (!path.empty()) apply_file(schema, path, entries);
  apply_environment(schema, entries);
  apply_overrides(schema, request.overrides, entries);
  return Config(&schema, std::move(entries), path);
}

}  // namespace sparkctl::config
