#include "value_parser.hpp"

#include <gtest/gtest.h>

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

TEST(ValueParser, MapsFromText) {
  auto item = make(ValueType::string_map);
  auto map = std::get<StringMap>(parse_value(item, "a=1, b = 2"));
  EXPECT_EQ(map.at("a"), "1");
  EXPECT_EQ(map.at("b"), "2");
  EXPECT_THROW(parse_value(item, "a"), ValueError);
}

TEST(ValueParser, EnvironmentNames) {
  EXPECT_EQ(environment_name("spark.remote"), "SPARKCTL_SPARK_REMOTE");
  EXPECT_EQ(environment_name("jobs.cloud_etl.input"), "SPARKCTL_JOBS_CLOUD_ETL_INPUT");
}

}  // namespace
