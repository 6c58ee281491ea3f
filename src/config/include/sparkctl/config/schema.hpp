// The configuration schema: the ordered table of all items. The built-in
// part covers spark, kubernetes and storage; each job adds its own
// arguments as `jobs.<job>.<arg>` items.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sparkctl/config/item.hpp"

namespace sparkctl::config {

class Schema {
 public:
  void add(Item item);
  const Item* find(std::string_view key) const;
  const std::vector<Item>& items() const { return items_; }
  // Closest known key (for "did you mean"), or "" if nothing is close.
  std::string closest_key(std::string_view key) const;

 private:
  std::vector<Item> items_;
};

// spark.*, kubernetes.*, storage.* items.
Schema built_in_schema();

}  // namespace sparkctl::config
