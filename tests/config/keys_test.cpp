// Every key sparkctl's code reads (config/keys.hpp) is one the built-in
// schema declares, and reading one it does not is a usage error.
#include "sparkctl/config/keys.hpp"

#include <gtest/gtest.h>

#include "sparkctl/config/config.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::config {
namespace {

TEST(ConfigKeys, EveryKeyTheCodeReadsIsInTheBuiltInSchema) {
  const Schema schema = built_in_schema();
  for (const auto key : keys::all) EXPECT_NE(schema.find(key), nullptr) << key;
  for (const auto role : keys::pod_roles) {
    for (const auto setting : keys::pod_settings) {
      EXPECT_NE(schema.find(keys::pod(role, setting)), nullptr) << role << " " << setting;
    }
  }
}

TEST(ConfigKeys, AMistypedKeyIsAUsageErrorWithASuggestion) {
  const Schema schema = built_in_schema();
  LoadRequest request;
  request.search_default_locations = false;
  const Config config = load(schema, request);
  try {
    config.get_string("kubernetes.namspace");
    FAIL() << "a key the schema lacks was read";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_STREQ(e.what(),
                 "unknown config key 'kubernetes.namspace'; did you mean kubernetes.namespace?");
  }
}

}  // namespace
}  // namespace sparkctl::config
