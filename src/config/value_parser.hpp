// Turns text from any layer (YAML scalar, environment, command line) into a
// typed value. Throws ValueError with what was expected; the caller adds
// where the text came from.
#pragma once

#include <stdexcept>
#include <string>

#include "sparkctl/config/item.hpp"

namespace sparkctl::config {

struct ValueError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Scalar items, and string_map items written as "k=v,k2=v2".
Data parse_value(const Item& item, const std::string& text);
// Checks one map key against the item's rule.
void check_map_key(const Item& item, const std::string& key);
// Checks a value against the item's value_pattern (if any).
void check_pattern(const Item& item, const std::string& value);
// A hint for a near-miss boolean ("yes" is accepted; "ture" -> "true").
std::string boolean_hint(const std::string& text);

}  // namespace sparkctl::config
