#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {

namespace {

// An integer or a duration: a value within [min, max].
config::Item ranged_arg(std::string name, config::ValueType type, std::string default_value,
                        std::int64_t min, std::int64_t max, std::string help) {
  config::Item item;
  item.key = std::move(name);
  item.type = type;
  item.default_value = std::move(default_value);
  item.min = min;
  item.max = max;
  item.help = std::move(help);
  return item;
}

}  // namespace

config::Item integer_arg(std::string name, std::int64_t default_value, std::int64_t min,
                         std::int64_t max, std::string help) {
  return ranged_arg(std::move(name), config::ValueType::integer, std::to_string(default_value), min,
                    max, std::move(help));
}

config::Item string_arg(std::string name, std::string default_value, std::string help) {
  config::Item item;
  item.key = std::move(name);
  item.type = config::ValueType::string;
  item.default_value = std::move(default_value);
  item.help = std::move(help);
  return item;
}

config::Item boolean_arg(std::string name, bool default_value, std::string help) {
  config::Item item;
  item.key = std::move(name);
  item.type = config::ValueType::boolean;
  item.default_value = default_value ? "true" : "false";
  item.help = std::move(help);
  return item;
}

config::Item choice_arg(std::string name, std::string default_value,
                        std::vector<std::string> choices, std::string help) {
  config::Item item;
  item.key = std::move(name);
  item.type = config::ValueType::choice;
  item.default_value = std::move(default_value);
  item.choices = std::move(choices);
  item.help = std::move(help);
  return item;
}

config::Item duration_arg(std::string name, std::string default_value, std::int64_t min,
                          std::int64_t max, std::string help) {
  return ranged_arg(std::move(name), config::ValueType::duration, std::move(default_value), min,
                    max, std::move(help));
}

}  // namespace sparkctl::jobs
