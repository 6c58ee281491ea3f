// The one duration parser and its printers (core/duration.hpp).
#include "sparkctl/core/duration.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using sparkctl::canonical_duration;
using sparkctl::DurationError;
using sparkctl::format_duration;
using sparkctl::parse_duration;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_duration(text);
  } catch (const DurationError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Duration, PlainSecondsAndUnitsInOrder) {
  EXPECT_EQ(parse_duration("90"), 90s);
  EXPECT_EQ(parse_duration(" 90 "), 90s);
  EXPECT_EQ(parse_duration("90s"), 90s);
  EXPECT_EQ(parse_duration("5m"), 5min);
  EXPECT_EQ(parse_duration("2h"), 2h);
  EXPECT_EQ(parse_duration("1h30m"), 90min);
  EXPECT_EQ(parse_duration("1h0m5s"), 3605s);
  EXPECT_EQ(parse_duration("2m30s"), 150s);
  EXPECT_EQ(parse_duration("90m"), 90min);  // a part may exceed its unit's range
  EXPECT_EQ(parse_duration("87600h"), sparkctl::max_duration);
}

TEST(Duration, RefusesGarbageZeroAndOverflow) {
  for (const char* bad : {"", " ", "soon", "-5", "+5", "1.5h", "5 m", "1h 30m", "1d", "5M", "30m1h",
                          "1h30", "5m5m", "m", "1hm", "0x10", "1s2"})
    EXPECT_EQ(error_of(bad),
              "expected a duration such as 90, 90s, 5m or 1h30m, got \"" + std::string(bad) + "\"")
        << bad;
  EXPECT_EQ(error_of("0"),
            "expected a duration such as 90, 90s, 5m or 1h30m, got \"0\" (it must be more than 0)");
  EXPECT_EQ(error_of("0h0m0s"),
            "expected a duration such as 90, 90s, 5m or 1h30m, got \"0h0m0s\" "
            "(it must be more than 0)");
  for (const char* huge : {"87601h", "315360001", "99999999999999999999999", "87600h1s"})
    EXPECT_NE(error_of(huge).find("(more than 87600h)"), std::string::npos) << huge;
}

TEST(Duration, CanonicalIsExactAndReadsBack) {
  EXPECT_EQ(canonical_duration(45s), "45s");
  EXPECT_EQ(canonical_duration(90s), "1m30s");
  EXPECT_EQ(canonical_duration(1h), "1h");
  EXPECT_EQ(canonical_duration(90min), "1h30m");
  EXPECT_EQ(canonical_duration(3605s), "1h5s");
  EXPECT_EQ(canonical_duration(168h), "168h");
  EXPECT_EQ(canonical_duration(0s), "0s");
  for (std::int64_t s : {1, 59, 60, 61, 3599, 3600, 3661, 86399, 86400, 604800, 1234567})
    EXPECT_EQ(parse_duration(canonical_duration(std::chrono::seconds(s))).count(), s) << s;
}

TEST(Duration, FormatInKubectlShapes) {
  EXPECT_EQ(format_duration(0s), "0s");
  EXPECT_EQ(format_duration(45s), "45s");
  EXPECT_EQ(format_duration(3min), "3m");
  EXPECT_EQ(format_duration(192s), "3m12s");
  EXPECT_EQ(format_duration(2h + 5min + 7s), "2h5m");  // rounded to two units
  EXPECT_EQ(format_duration(2h), "2h");
  EXPECT_EQ(format_duration(76h + 4min), "3d4h");
  EXPECT_EQ(format_duration(168h), "7d");
  EXPECT_EQ(format_duration(-5s), "0s");  // a clock a little ahead
}

}  // namespace
