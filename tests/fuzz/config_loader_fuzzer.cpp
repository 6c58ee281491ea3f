// Feeds arbitrary bytes to the config file reader and to the --job-args /
// --set parser. A sparkctl::Error is the expected answer to bad input;
// anything else escaping (or a sanitizer report) is a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "layers.hpp"
#include "sparkctl/config/config.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace {

const sparkctl::config::Schema& schema() {
  static const sparkctl::config::Schema s = [] {
    auto built = sparkctl::config::built_in_schema();
    sparkctl::config::Item partitions;
    partitions.key = "jobs.pi.partitions";
    partitions.type = sparkctl::config::ValueType::integer;
    partitions.default_value = "10";
    partitions.min = 1;
    partitions.max = 100000;
    built.add(partitions);
    return built;
  }();
  return s;
}

std::vector<sparkctl::config::Entry> defaults() {
  std::vector<sparkctl::config::Entry> entries;
  for (const auto& item : schema().items()) {
    sparkctl::config::Entry entry;
    entry.item = &item;
    entry.value = std::string();
    entries.push_back(entry);
  }
  return entries;
}

void fuzz_yaml(const std::string& text) {
  auto entries = defaults();
  try {
    sparkctl::config::apply_yaml_text(schema(), "fuzz.yaml", text, entries);
  } catch (const sparkctl::Error&) {
  }
}

void fuzz_job_args(const std::string& text) {
  std::vector<sparkctl::config::Override> overrides;
  auto entries = defaults();
  try {
    for (const auto& word : sparkctl::strings::split(text, '\n')) {
      auto [key, value] = sparkctl::config::parse_assignment(word, "--job-args");
      // Job arguments and --set keys go through the same override layer.
      overrides.push_back(
          {key.find('.') == std::string::npos ? "jobs.pi." + key : key, value, "--job-args"});
    }
    sparkctl::config::apply_overrides(schema(), overrides, entries);
  } catch (const sparkctl::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    fuzz_job_args(text);
  } else {
    fuzz_yaml(text);
  }
  return 0;
}
