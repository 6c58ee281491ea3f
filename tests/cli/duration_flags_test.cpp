// Time-span flags (src/cli/duration_flags.hpp): the config's duration
// format, checked while the command line is parsed, resolved against the
// config key each falls back to.
#include "duration_flags.hpp"

#include <gtest/gtest.h>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::cli {
namespace {

using std::chrono::seconds;

config::Config built_in_config(std::vector<config::Override> overrides = {}) {
  static const config::Schema schema = config::built_in_schema();
  config::LoadRequest request;
  request.search_default_locations = false;
  request.overrides = std::move(overrides);
  return config::load(schema, request);
}

struct Parsed {
  DurationFlag flag{config::keys::kubernetes_wait_timeout};
  CLI::App app{"test"};
  explicit Parsed(std::vector<std::string> args) {
    add_duration_flag(app, "--timeout", flag, "Give up after this long");
    std::reverse(args.begin(), args.end());
    app.parse(args);
  }
};

TEST(DurationFlags, GoodValuesInEveryForm) {
  EXPECT_EQ(Parsed({"--timeout", "90"}).flag.value, seconds(90));
  EXPECT_EQ(Parsed({"--timeout", "90s"}).flag.value, seconds(90));
  EXPECT_EQ(Parsed({"--timeout=5m"}).flag.value, seconds(300));
  EXPECT_EQ(Parsed({"--timeout", "1h30m"}).flag.value, seconds(5400));
}

TEST(DurationFlags, ABadValueIsAUsageErrorNamingTheFlag) {
  try {
    Parsed({"--timeout", "5x"});
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_STREQ(e.what(),
                 "--timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"5x\"");
  }
}

TEST(DurationFlags, WithoutTheFlagTheConfigKeyDecides) {
  Parsed none({});
  EXPECT_FALSE(none.flag.given());
  EXPECT_EQ(none.flag.resolve(built_in_config()), seconds(3600));
  EXPECT_EQ(none.flag.resolve(built_in_config({{"kubernetes.wait_timeout", "20m", "--set"}})),
            seconds(1200));
  Parsed given({"--timeout", "2m"});
  EXPECT_EQ(given.flag.resolve(built_in_config({{"kubernetes.wait_timeout", "20m", "--set"}})),
            seconds(120));
  DurationFlag fixed{seconds(120)};
  EXPECT_EQ(fixed.resolve(built_in_config()), seconds(120));
}

TEST(DurationFlags, HelpSaysTheFormsAndTheDefault) {
  Parsed parsed({});
  const auto help = parsed.app.help();
  EXPECT_NE(help.find("--timeout DURATION"), std::string::npos) << help;
  EXPECT_NE(help.find("(90, 90s, 5m or 1h30m; default: kubernetes.wait_timeout)"),
            std::string::npos)
      << help;
}

}  // namespace
}  // namespace sparkctl::cli
