// The one place where failures become exit codes (cli/top_level.hpp): one
// error of each kind, raised by the layer that raises it for real, driven
// through the top level, with the code and the one line the user sees.
#include "sparkctl/cli/top_level.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/k8s/api_error.hpp"

namespace sparkctl::cli {
namespace {

struct Case {
  const char* what;
  std::function<void()> fail;
  ExitCode expected;
  const char* message;  // a part of the line on stderr
};

// Building plans never talks to a server: nothing listens on port 1.
connect::Session offline_session() { return connect::Session::open("sc://127.0.0.1:1"); }

config::Config built_in_config() {
  static const config::Schema schema = config::built_in_schema();
  config::LoadRequest request;
  request.search_default_locations = false;
  return config::load(schema, request);
}

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      {"a mistyped config key", [] { built_in_config().get_string("jobs.pi.partitons"); },
       ExitCode::usage, "unknown config key 'jobs.pi.partitons'"},
      {"a bad --set value",
       [] {
         config::LoadRequest request;
         request.search_default_locations = false;
         request.overrides = {{"jobs.pi.partitions", "ten", "--set"}};
         config::load(config::built_in_schema(), request);
       },
       ExitCode::usage, "jobs.pi.partitions"},
      {"misuse of the DataFrame API in a job", [] { offline_session().range(5).limit(-1); },
       ExitCode::job_failed, "limit() needs a non-negative row count"},
      {"Spark's error for a job's query",
       [] {
         throw connect::SparkError("TABLE_OR_VIEW_NOT_FOUND", "42P01",
                                   "[TABLE_OR_VIEW_NOT_FOUND] The table `nope` cannot be found.");
       },
       ExitCode::job_failed, "[TABLE_OR_VIEW_NOT_FOUND]"},
      {"a malformed Arrow stream from the server",
       [] { connect::read_arrow_ipc("not an Arrow stream"); }, ExitCode::cluster, "arrow: "},
      {"a Kubernetes API error",
       [] { throw k8s::ApiError::from_response(503, R"({"kind":"Status","message":"busy"})"); },
       ExitCode::cluster, "busy"},
      {"an interrupted Spark operation",
       [] { throw Error::interrupted("the Spark operation was interrupted"); },
       ExitCode::interrupted, "interrupted"},
      {"an exception no layer names", [] { std::vector<int>().at(3); }, ExitCode::internal,
       "internal error: "},
      {"something that is not an exception", [] { throw 42; }, ExitCode::internal,
       "internal error: "},
  };
  return table;
}

TEST(TopLevel, EachKindOfFailureHasItsExitCodeAndOneLine) {
  for (const auto& c : cases()) {
    std::ostringstream err;
    ExitCode code = ExitCode::ok;
    try {
      c.fail();
      ADD_FAILURE() << c.what << ": nothing was thrown";
      continue;
    } catch (...) {
      code = report_failure(std::current_exception(), err);
    }
    EXPECT_EQ(static_cast<int>(code), static_cast<int>(c.expected)) << c.what;
    const std::string line = err.str();
    EXPECT_EQ(line.rfind("sparkctl: ", 0), 0u) << c.what << ": " << line;
    EXPECT_NE(line.find(c.message), std::string::npos) << c.what << ": " << line;
    EXPECT_EQ(line.find('\n'), line.size() - 1) << c.what << ": not one line: " << line;
  }
}

TEST(TopLevel, AnInternalErrorSaysHowToReportIt) {
  std::ostringstream err;
  const auto code =
      report_failure(std::make_exception_ptr(std::logic_error("a broken invariant")), err);
  EXPECT_EQ(static_cast<int>(code), 70);
  EXPECT_NE(err.str().find("a broken invariant"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("please report it"), std::string::npos) << err.str();
}

// The contract README.md's table documents.
TEST(TopLevel, ExitCodesAreTheDocumentedOnes) {
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::job_failed)), 1);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::usage)), 2);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::cluster)), 3);
  EXPECT_EQ(static_cast<int>(exit_code_for(ErrorKind::interrupted)), 130);
}

// Through the whole command line in-process: a flag CLI11 refuses and an
// unknown job are usage errors, --version succeeds on stdout.
int run(std::vector<const char*> args, std::ostringstream& out, std::ostringstream& err) {
  args.insert(args.begin(), "sparkctl");
  std::istringstream in;
  return run_command_line(static_cast<int>(args.size()), args.data(), {&out, &err, &in});
}

TEST(TopLevel, TheCommandLineMapsUsageErrors) {
  std::ostringstream out, err;
  EXPECT_EQ(run({"--frobnicate"}, out, err), 2) << err.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(run({"run", "--job", "no_such_job"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("sparkctl: error: unknown job 'no_such_job'"), std::string::npos)
      << err2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(run({"--version"}, out3, err3), 0);
  EXPECT_EQ(out3.str().rfind("sparkctl ", 0), 0u) << out3.str();
}

}  // namespace
}  // namespace sparkctl::cli
