#include "sparkctl/config/config.hpp"

#include <algorithm>

#include "sparkctl/core/error.hpp"

namespace sparkctl::config {

std::string Origin::describe() const {
  switch (kind) {
    case Kind::built_in:
      return "default";
    case Kind::file:
      return where;
    case Kind::environment:
      return "env " + where;
    case Kind::command_line:
      return "flag " + where;
  }
  return where;
}

Config::Config(const Schema* schema, std::vector<Entry> entries, std::string file_path)
    : schema_(schema), entries_(std::move(entries)), file_path_(std::move(file_path)) {}

const Entry& Config::entry(std::string_view key) const {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.item->key == key; });
  // A key no schema declares: a mistyped key in a job's or a verb's code.
  if (it == entries_.end()) {
    const std::string closest = schema_ ? schema_->closest_key(key) : "";
    throw Error::usage("unknown config key '" + std::string(key) + "'" +
                       (closest.empty() ? std::string(" (`sparkctl config show` lists every key)")
                                        : "; did you mean " + closest + "?"));
  }
  return *it;
}

bool Config::has(std::string_view key) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return e.item->key == key; });
}

const std::string& Config::get_string(std::string_view key) const {
  return std::get<std::string>(entry(key).value);
}
std::int64_t Config::get_int(std::string_view key) const {
  return std::get<std::int64_t>(entry(key).value);
}
bool Config::get_bool(std::string_view key) const { return std::get<bool>(entry(key).value); }
std::chrono::seconds Config::get_duration(std::string_view key) const {
  return std::get<std::chrono::seconds>(entry(key).value);
}
const StringMap& Config::get_map(std::string_view key) const {
  return std::get<StringMap>(entry(key).value);
}
const Origin& Config::origin(std::string_view key) const { return entry(key).origin; }

}  // namespace sparkctl::config
