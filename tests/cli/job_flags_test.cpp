// --job and --job-args as `run` and the container entrypoint's driver read
// them (src/cli/job_flags.hpp), in-process.
#include "job_flags.hpp"

#include <gtest/gtest.h>

#include "sparkctl/core/error.hpp"

namespace sparkctl::cli {
namespace {

std::string usage_error_of(const std::vector<std::string>& args) {
  try {
    parse_job_arguments(args);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

TEST(JobArguments, TheDriverReadsThemAsRunDoes) {
  auto flags = parse_job_arguments({"--job", "pi", "--job-args", "partitions=3", "message=hi"});
  ASSERT_TRUE(flags);
  EXPECT_EQ(flags->job, "pi");
  EXPECT_EQ(flags->job_args, (std::vector<std::string>{"partitions=3", "message=hi"}));
  flags = parse_job_arguments({"--job=pi"});
  ASSERT_TRUE(flags);
  EXPECT_EQ(flags->job, "pi");
  EXPECT_TRUE(flags->job_args.empty());
}

TEST(JobArguments, AnApplicationWithoutJobIsNotSparkctls) {
  EXPECT_FALSE(parse_job_arguments({}));
  EXPECT_FALSE(parse_job_arguments({"1000"}));
}

TEST(JobArguments, AnythingElseIsAUsageError) {
  EXPECT_NE(usage_error_of({"--job"}).find("driver: "), std::string::npos);
  const auto extra = usage_error_of({"--job", "pi", "--frobnicate"});
  EXPECT_NE(extra.find("--frobnicate"), std::string::npos) << extra;
  EXPECT_NE(extra.find("--job NAME --job-args k=v"), std::string::npos) << extra;
}

}  // namespace
}  // namespace sparkctl::cli
