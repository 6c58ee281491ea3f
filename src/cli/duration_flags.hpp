// Time-span flags (--timeout, --pending-timeout, --startup-timeout,
// --pod-timeout): the format of the config's duration keys
// (core/duration.hpp), checked while the command line is parsed (a usage
// error naming the flag, before anything connects), and the config key or
// fixed value each falls back to.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "sparkctl/config/config.hpp"

namespace sparkctl::cli {

struct DurationFlag {
  // Falls back to a config key's value, or to a fixed span.
  explicit DurationFlag(std::string key) : default_key(std::move(key)) {}
  explicit DurationFlag(std::chrono::seconds fixed) : fixed_default(fixed) {}

  std::string default_key;
  std::chrono::seconds fixed_default{0};
  // Set when the command line gives the flag.
  std::optional<std::chrono::seconds> value;

  bool given() const { return value.has_value(); }
  // The flag's value, else the default key's value in `config`, else the
  // fixed default.
  std::chrono::seconds resolve(const config::Config& config) const;
};

// Adds NAME DURATION to `command`, its help ending "(90, 90s, 5m or 1h30m;
// default: KEY)". A bad value is Error::usage "NAME: expected a duration
// such as 90, 90s, 5m or 1h30m, got ...".
CLI::Option* add_duration_flag(CLI::App& command, const std::string& name, DurationFlag& flag,
                               const std::string& help);

// One flag's text, as add_duration_flag reads it.
std::chrono::seconds parse_duration_flag(const std::string& name, const std::string& text);

}  // namespace sparkctl::cli
