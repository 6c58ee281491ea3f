// The merged configuration: every item of the schema with its value and
// where that value came from. Layers, lowest first: built-in default <
// config file < SPARKCTL_* environment < command line.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkctl/config/item.hpp"
#include "sparkctl/config/schema.hpp"

namespace sparkctl::config {

struct Origin {
  enum class Kind { built_in, file, environment, command_line };
  Kind kind = Kind::built_in;
  std::string where;  // "config/conf.yaml:12", "SPARKCTL_SPARK_MASTER", "--job-args partitions"
  std::string describe() const;  // "default", "config/conf.yaml:12", "env SPARKCTL_X", "flag --x"
};

struct Entry {
  const Item* item = nullptr;
  Data value;
  Origin origin;
};

class Config {
 public:
  Config() = default;
  Config(const Schema* schema, std::vector<Entry> entries, std::string file_path);

  const std::string& get_string(std::string_view key) const;  // string, choice, memory, secret
  std::int64_t get_int(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  std::chrono::seconds get_duration(std::string_view key) const;
  const StringMap& get_map(std::string_view key) const;
  const Origin& origin(std::string_view key) const;
  bool has(std::string_view key) const;

  // All entries in schema order (for `config show`).
  const std::vector<Entry>& entries() const { return entries_; }
  // The config file that was read, or "" when none was found.
  const std::string& file_path() const { return file_path_; }

 private:
  const Entry& entry(std::string_view key) const;

  const Schema* schema_ = nullptr;
  std::vector<Entry> entries_;
  std::string file_path_;
};

// One command-line override: `--set spark.master=local[2]`, `--job-args
// partitions=10`, `-n spark`. `flag` names where it came from, for origins
// and error messages.
struct Override {
  std::string key;
  std::string value;
  std::string flag;
};

// Splits "key=value" (as given to --set and --job-args); throws
// sparkctl::Error (usage) naming `flag` when there is no '=' or no key.
std::pair<std::string, std::string> parse_assignment(const std::string& word,
                                                     const std::string& flag);

struct LoadRequest {
  // --config PATH; when empty: $SPARKCTL_CONFIG, then ./config/conf.yaml,
  // then config/conf.yaml next to the binary (or its parent dir).
  std::string config_path;
  // Tests turn this off so a developer's config/conf.yaml cannot leak in.
  bool search_default_locations = true;
  std::vector<Override> overrides;
};

// Throws sparkctl::Error (usage, exit 2) naming key, file, line and column
// for any bad value, unknown key or malformed YAML.
Config load(const Schema& schema, const LoadRequest& request);

}  // namespace sparkctl::config
