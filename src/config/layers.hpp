// The layers above the built-in defaults. Each one assigns values into the
// entries (in schema order) and records their origin.
#pragma once

#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace sparkctl::config {

// Reads a YAML config file. Throws sparkctl::Error (usage) as
// "path:line:col: message" for malformed YAML, unknown keys, bad values.
void apply_file(const Schema& schema, const std::string& path, std::vector<Entry>& entries);
// The same for YAML text already in memory; `path` is only used in messages.
void apply_yaml_text(const Schema& schema, const std::string& path, const std::string& text,
                     std::vector<Entry>& entries);
// SPARKCTL_* variables (derived names and aliases).
void apply_environment(const Schema& schema, std::vector<Entry>& entries);
// Command-line overrides (--set, --job-args, dedicated flags).
void apply_overrides(const Schema& schema, const std::vector<Override>& overrides,
                     std::vector<Entry>& entries);

Entry& entry_for(std::vector<Entry>& entries, const Item& item);

}  // namespace sparkctl::config
