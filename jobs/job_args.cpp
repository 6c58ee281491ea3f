#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {

config::Item integer_arg(std::string name, std::int64_t default_value, std::int64_t min,
                         std::int64_t max, std::string help) {
  config::Item item;
  item.key = std::move(name);
  item.type = config::ValueType::integer;
  item.default_value = std::to_string(default_value);
  item.min = min;
  item.max = max;
  item.help = std::move(help);
  return item;
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
  config::Item item;
  item.key = std::move(name);
  item.type = config::ValueType::duration;
  item.default_value = std::move(default_value);
  item.min = min;
  item.max = max;
  item.help = std::move(help);
  return item;
}

}  // namespace sparkctl::jobs
