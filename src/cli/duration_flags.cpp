#include "duration_flags.hpp"

#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::cli {

std::chrono::seconds DurationFlag::resolve(const config::Config& config) const {
  if (value) return *value;
  if (!default_key.empty()) return config.get_duration(default_key);
  return fixed_default;
}

std::chrono::seconds parse_duration_flag(const std::string& name, const std::string& text) {
  try {
    return parse_duration(text);
  } catch (const DurationError& e) {
    throw Error::usage(name + ": " + e.what());
  }
}

CLI::Option* add_duration_flag(CLI::App& command, const std::string& name, DurationFlag& flag,
                               const std::string& help) {
  const std::string fallback =
      flag.default_key.empty() ? canonical_duration(flag.fixed_default) : flag.default_key;
  return command
      .add_option_function<std::string>(
          name,
          [&flag, name](const std::string& text) { flag.value = parse_duration_flag(name, text); },
          help + " (" + duration_examples + "; default: " + fallback + ")")
      ->type_name("DURATION");
}

}  // namespace sparkctl::cli
