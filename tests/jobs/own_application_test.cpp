// Users' own applications through the real binary (`sparkctl run app.py`,
// `run app.jar --class`): a script with a --py-files folder imported in a
// UDF (so on the executors' Python workers) and a --requirements package
// with compiled code (driver and workers), a --files CSV read by name
// and its own arguments, on the suite's warm server and on a server of its
// own; Spark's own pi.py (SparkContext) with --classic, and without it the
// hint; a failing script's cause and exit 1; a jar with its class and
// arguments, and a script calling a Java UDF of its --jars; bad input
// refused before anything runs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "command_runner.hpp"
#include "temp_dir.hpp"
#include "warm_server_options.hpp"

namespace sparkctl::jobs {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

const std::string apps = TEST_APPS_DIR;
const std::string titanic = TEST_TITANIC_CSV;
// The result of survival_app.py on the shipped titanic.csv, by class and age band.
const std::string survival_rates =
    "first/adult=0.638 first/child=0.917 first/unknown=0.467 second/adult=0.413 "
    "second/child=0.913 second/unknown=0.364 third/adult=0.202 third/child=0.372 "
    "third/unknown=0.25 mmh3=299252\n";

// pip installs --requirements from the wheels set-up fetched, never an index.
testing::CommandOptions offline_pip(testing::CommandOptions options) {
  options.env["PIP_NO_INDEX"] = "1";
  options.env["PIP_FIND_LINKS"] = TEST_WHEELS_DIR;
  return options;
}

CommandResult sparkctl(const std::vector<std::string>& args,
                       const testing::CommandOptions& options = offline_pip(warm_server())) {
  return testing::run_command(testing::sparkctl_argv(args), options);
}

std::vector<std::string> survival_app(const std::string& label) {
  return {"run",
          apps + "/survival_app.py",
          "--py-files",
          apps + "/mylib",
          "--files",
          apps + "/lookup.csv",
          "--requirements",
          apps + "/requirements.txt",
          "--",
          "--input",
          titanic,
          "--label",
          label};
}

TEST(OwnApplication, ScriptWithItsFilesOnTheWarmServer) {
  const CommandResult run = sparkctl(survival_app("warm"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("warm: " + survival_rates), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("survival_app.py finished"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("on the warm server"), std::string::npos) << run.err;
}

TEST(OwnApplication, ScriptOnAServerOfItsOwn) {
  testing::TempDir state;  // no warm server there: the run starts and stops its own
  testing::CommandOptions options = offline_pip(warm_server());
  options.env["SPARKCTL_STATE_DIR"] = state.path().string();
  const CommandResult run = sparkctl(survival_app("own"), options);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("own: " + survival_rates), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("on the local server"), std::string::npos) << run.err;
}

TEST(OwnApplication, FailingScriptExits1WithItsTracebacksLastLine) {
  const CommandResult run = sparkctl({"run", apps + "/failing_app.py"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("sparkctl: error: failing_app.py failed (exit status 1): ValueError: no "
                         "data for 2026-12-01\n"),
            std::string::npos)
      << run.err;
}

TEST(OwnApplication, SparkContextScriptNeedsClassic) {
  const std::string pi = TEST_SPARK_EXAMPLES "/pi.py";
  const CommandResult connect = sparkctl({"run", pi, "--", "2"});
  EXPECT_EQ(connect.exit_code, 1) << connect.err;
  EXPECT_NE(connect.err.find("pi.py failed: the script uses the classic API"), std::string::npos)
      << connect.err;
  EXPECT_NE(connect.err.find("run it with --classic"), std::string::npos) << connect.err;

  const CommandResult classic = sparkctl({"run", "--classic", pi, "--", "2"});
  ASSERT_EQ(classic.exit_code, 0) << classic.err;
  EXPECT_NE(classic.out.find("Pi is roughly 3.1"), std::string::npos) << classic.out;
  EXPECT_NE(classic.err.find("with spark-submit --master local"), std::string::npos) << classic.err;
}

TEST(OwnApplication, JarWithItsClassAndArguments) {
  testing::TempDir build;
  const CommandResult compiled =
      testing::run_command({apps + "/build_jar.sh", build.path().string(), SPARKCTL_TEST_PYTHON});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  const std::string jar = (build.path() / "range-count.jar").string();

  const CommandResult run =
      sparkctl({"run", jar, "--class", "example.RangeCount", "--", "1234", "counted"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("counted: 1234 rows\n"), std::string::npos) << run.out;

  const CommandResult failed = sparkctl({"run", jar, "--class", "example.RangeCount"});
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  EXPECT_NE(failed.err.find("java.lang.IllegalArgumentException: expected ROWS LABEL, got 0"),
            std::string::npos)
      << failed.err;

  const CommandResult with_requirements = sparkctl(
      {"run", jar, "--class", "example.RangeCount", "--requirements", apps + "/requirements.txt"});
  EXPECT_EQ(with_requirements.exit_code, 2);
  EXPECT_NE(with_requirements.err.find("--requirements is for a script"), std::string::npos)
      << with_requirements.err;

  const CommandResult no_class = sparkctl({"run", jar});
  EXPECT_EQ(no_class.exit_code, 2);
  EXPECT_NE(no_class.err.find("is a jar: name its main class with --class"), std::string::npos)
      << no_class.err;
}

TEST(OwnApplication, ClassicScriptWithItsRequirements) {
  auto args = survival_app("classic");
  args.insert(args.begin() + 1, "--classic");
  const CommandResult run = sparkctl(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("classic: " + survival_rates), std::string::npos) << run.out;
}

TEST(OwnApplication, RequirementWithoutABuildIsExit2NamingIt) {
  testing::TempDir dir;
  const auto requirements = dir.path() / "requirements.txt";
  std::ofstream(requirements) << "sparkctl-test-no-such-package==1.0\n";
  const CommandResult run =
      sparkctl({"run", apps + "/survival_app.py", "--requirements", requirements.string()});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(
      run.err.find("no build of sparkctl-test-no-such-package==1.0 for this machine's Python"),
      std::string::npos)
      << run.err;
  EXPECT_EQ(run.out, "");
}

TEST(OwnApplication, ScriptOnConnectCallsAJavaUdfOfItsJars) {
  testing::TempDir build;
  const CommandResult compiled =
      testing::run_command({apps + "/build_jar.sh", build.path().string(), SPARKCTL_TEST_PYTHON});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  const CommandResult run = sparkctl(
      {"run", apps + "/java_udf_app.py", "--jars", (build.path() / "range-count.jar").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("java udf: HELLO!\n"), std::string::npos) << run.out;
}

TEST(OwnApplication, ArchiveUnpackedUnderItsAlias) {
  const CommandResult run =
      sparkctl({"run", apps + "/archive_app.py", "--archives", apps + "/mylib#libs"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("archive unpacked as libs: True\n"), std::string::npos) << run.out;

  // Staged, the alias stays on the staged URI (render plans it, uploads nothing).
  testing::CommandOptions options = offline_pip(warm_server());
  options.env["SPARKCTL_STORAGE_STAGING_URI"] = "s3a://bucket/staging";
  const CommandResult rendered =
      sparkctl({"render", apps + "/archive_app.py", "--archives", apps + "/mylib#libs"}, options);
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_TRUE(std::regex_search(rendered.out,
                                std::regex(R"(s3a://bucket/staging/[0-9a-f]{16}/mylib\.zip#libs)")))
      << rendered.out;
}

TEST(OwnApplication, BadInputIsRefusedBeforeAnythingRuns) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"run", apps + "/missing.py"}, "missing.py does not exist"},
      {{"run", apps + "/lookup.csv"}, "expected a PySpark script (.py) or a jar (.jar)"},
      {{"run", apps + "/survival_app.py", "--files", apps + "/mylib"},
       "--files: " + apps + "/mylib is a folder"},
      {{"run", apps + "/survival_app.py", "--py-files", apps + "/nope.zip"}, "does not exist"},
      {{"run", apps + "/survival_app.py", "--conf", "novalue"}, "--conf novalue: expected"},
      {{"run", "--job", "pi", apps + "/survival_app.py"}, "run one or the other"},
      {{"run", apps + "/survival_app.py", "--job-args", "x=1"}, "--job-args is for --job"},
      {{"run", apps + "/archive_app.py", "--archives", apps + "/mylib#"},
       "the name after '#' is a folder name"},
      {{"run", apps + "/archive_app.py", "--archives", apps + "/none.zip#libs"},
       "--archives: " + apps + "/none.zip does not exist"},
      {{"run", apps + "/survival_app.py", "--requirements", apps + "/none.txt"},
       "--requirements: " + apps + "/none.txt does not exist"},
      {{"run", apps + "/survival_app.py", "--requirements", apps + "/mylib"}, "is a folder"},
      {{"run", "--job", "pi", "--requirements", apps + "/requirements.txt"},
       "are for your own application, not --job"},
      {{"run"}, "what to run: --job NAME"},
      {{"jobs", "--", "x"}, "arguments after `--` are an application's"},
  };
  for (const auto& c : cases) {
    const CommandResult run = sparkctl(c.args);
    EXPECT_EQ(run.exit_code, 2) << c.args.back() << ": " << run.err;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "");
  }
}

}  // namespace
}  // namespace sparkctl::jobs
