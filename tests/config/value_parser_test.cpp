#include "value_parser.hpp"

#include <gtest/gtest.h>

#include "sparkctl/core/strings.hpp"

using namespace sparkctl::config;

namespace {

Item make(ValueType type) { return Item{"k", type, "", ""}; }

TEST(ValueParser, Booleans) {
  auto item = make(ValueType::boolean);
  for (const char* yes : {"true", "TRUE", "yes", "on", "1"})
    EXPECT_TRUE(std::get<bool>(parse_value(item, yes)));
  for (const char* no : {"false", "No", "off", "0"})
    EXPECT_FALSE(std::get<bool>(parse_value(item, no)));
  EXPECT_THROW(parse_value(item, "maybe"), ValueError);
}

TEST(ValueParser, IntegersRejectTrailingGarbageAndOverflow) {
  auto item = make(ValueType::integer);
  EXPECT_EQ(std::get<std::int64_t>(parse_value(item, " 42 ")), 42);
  EXPECT_THROW(parse_value(item, "42x"), ValueError);
  EXPECT_THROW(parse_value(item, ""), ValueError);
  EXPECT_THROW(parse_value(item, "99999999999999999999999"), ValueError);
}

TEST(ValueParser, Memory) {
  auto item = make(ValueType::memory);
  EXPECT_EQ(std::get<std::string>(parse_value(item, "512m")), "512m");
  EXPECT_EQ(std::get<std::string>(parse_value(item, "2G")), "2G");
  EXPECT_THROW(parse_value(item, "2 gigs"), ValueError);
}

TEST(ValueParser, KubernetesCpuQuantities) {
  auto item = make(ValueType::cpu);
  for (const char* ok : {"300m", "0.5", "2", "1.25", " 1500m ", ""})
    EXPECT_EQ(std::get<std::string>(parse_value(item, ok)), sparkctl::strings::trim(ok)) << ok;
  for (const char* bad : {"half", "0.5m", "1.2345", "-1", "2cores", "1e3"})
    EXPECT_THROW(parse_value(item, bad), ValueError) << bad;
}

TEST(ValueParser, KubernetesMemoryQuantitiesWithBinarySuffixes) {
  auto item = make(ValueType::pod_memory);
  for (const char* ok : {"896Mi", "2Gi", "1048576", "512Ki", "1Ti", ""})
    EXPECT_EQ(std::get<std::string>(parse_value(item, ok)), ok);
  for (const char* bad : {"1G", "1.5Gi", "Mi", "lots"})
    EXPECT_THROW(parse_value(item, bad), ValueError) << bad;
  // Spark's way of writing memory: in Kubernetes 512m is 0.512 bytes.
  try {
    parse_value(item, "512m");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("(did you mean 512Mi?)"), std::string::npos) << e.what();
  }
}

TEST(ValueParser, MapsFromText) {
  auto item = make(ValueType::string_map);
  auto map = std::get<StringMap>(parse_value(item, "a=1, b = 2"));
  EXPECT_EQ(map.at("a"), "1");
  EXPECT_EQ(map.at("b"), "2");
  EXPECT_THROW(parse_value(item, "a"), ValueError);
}

TEST(ValueParser, DurationsWithinTheItemsRange) {
  auto item = make(ValueType::duration);
  item.min = 5;
  item.max = 3600;
  using std::chrono::seconds;
  EXPECT_EQ(std::get<seconds>(parse_value(item, "90")), seconds(90));
  EXPECT_EQ(std::get<seconds>(parse_value(item, "1h")), seconds(3600));
  EXPECT_EQ(std::get<seconds>(parse_value(item, " 2m30s ")), seconds(150));
  for (const char* bad : {"soon", "", "-1", "1d", "0"})
    EXPECT_THROW(parse_value(item, bad), ValueError) << bad;
  try {
    parse_value(item, "2h");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "expected a duration from 5s to 1h (such as 90, 90s, 5m or 1h30m), got 2h (out "
                 "of range)");
  }
}

TEST(ValueParser, EnvironmentNames) {
  EXPECT_EQ(environment_name("spark.remote"), "SPARKCTL_SPARK_REMOTE");
  EXPECT_EQ(environment_name("jobs.cloud_etl.input"), "SPARKCTL_JOBS_CLOUD_ETL_INPUT");
}

}  // namespace
