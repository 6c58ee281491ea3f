// What both storage test programs need: a config from --set overrides only
// (no config file of the developer's leaks in), and the message of the
// sparkctl::Error an action throws.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sparkctl/config/schema.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::storage {

inline config::Config config_with(std::vector<config::Override> overrides) {
  static const auto schema = config::built_in_schema();
  config::LoadRequest request;
  request.search_default_locations = false;
  request.overrides = std::move(overrides);
  return config::load(schema, request);
}

// The message of the error `action` throws, checking its kind.
template <typename Action>
std::string error_of(ErrorKind kind, Action action) {
  try {
    action();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

}  // namespace sparkctl::storage
