#include <cstdlib>

#include "layers.hpp"
#include "sparkctl/core/error.hpp"
#include "value_parser.hpp"

namespace sparkctl::config {

void apply_environment(const Schema& schema, std::vector<Entry>& entries) {
  for (const auto& item : schema.items()) {
    // Aliases first, so the full SPARKCTL_<KEY> name wins when both are set.
    std::vector<std::string> names = item.env_aliases;
    names.push_back(environment_name(item.key));
    for (const auto& name : names) {
      const char* text = std::getenv(name.c_str());
      if (text == nullptr) continue;
      Entry& entry = entry_for(entries, item);
      try {
        entry.value = parse_value(item, text);
      } catch (const ValueError& e) {
        throw Error::usage("environment variable " + name + " (" + item.key + "): " + e.what());
      }
      entry.origin = {Origin::Kind::environment, name};
    }
  }
}

void apply_overrides(const Schema& schema, const std::vector<Override>& overrides,
                     std::vector<Entry>& entries) {
  for (const auto& override_value : overrides) {
    const Item* item = schema.find(override_value.key);
    if (item == nullptr) {
      std::string message =
          override_value.flag + ": unknown config key '" + override_value.key + "'";
      auto suggestion = schema.closest_key(override_value.key);
      if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
      throw Error::usage(message);
    }
    Entry& entry = entry_for(entries, *item);
    try {
      entry.value = parse_value(*item, override_value.value);
    } catch (const ValueError& e) {
      throw Error::usage(override_value.flag + " " + item->key + ": " + e.what());
    }
    entry.origin = {Origin::Kind::command_line, override_value.flag};
  }
}

}  // namespace sparkctl::config
