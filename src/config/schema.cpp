#include "sparkctl/config/schema.hpp"

#include <algorithm>

#include "sparkctl/core/strings.hpp"

namespace sparkctl::config {

void Schema::add(Item item) { items_.push_back(std::move(item)); }

const Item* Schema::find(std::string_view key) const {
  auto it =
      std::find_if(items_.begin(), items_.end(), [&](const Item& item) { return item.key == key; });
  return it == items_.end() ? nullptr : &*it;
}

std::string Schema::closest_key(std::string_view key) const {
  // Compare like with like: a misspelt section ("sprak") against sections,
  // a misspelt leaf against leaves at the same depth.
  const auto depth = static_cast<std::size_t>(std::count(key.begin(), key.end(), '.'));
  std::vector<std::string> candidates;
  for (const auto& item : items_) {
    auto parts = strings::split(item.key, '.');
    if (parts.size() <= depth) continue;
    parts.resize(depth + 1);
    auto candidate = strings::join(parts, ".");
    if (std::find(candidates.begin(), candidates.end(), candidate) == candidates.end()) {
      candidates.push_back(candidate);
    }
  }
  return strings::closest(key, candidates);
}

}  // namespace sparkctl::config
