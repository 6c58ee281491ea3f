// `sparkctl schedule` and `schedules` against the real API server with the
// ScheduledSparkApplication CRD (no operator acts in namespace "spark":
// the operator's side is in tests/node/schedules_test.cpp). Own
// applications are scheduled with a store nobody listens on: a dry run
// plans their URIs without it, a real schedule fails at the upload.
#include <algorithm>
#include <regex>

#include "verbs_support.hpp"

namespace verbs_test {
namespace {

std::string schedule_path(const std::string& name) {
  return "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/scheduledsparkapplications/" + name;
}

class Schedule : public ClusterTest {
 protected:
  void TearDown() override {
    if (!kubeconfig().empty()) {
      auto client = admin();
      for (const auto& name : schedules_) client.request("DELETE", schedule_path(name), "", "");
    }
    ClusterTest::TearDown();
  }
  std::string schedule_name() {
    schedules_.push_back("sched-" + std::to_string(::getpid()) + "-" +
                         std::to_string(schedules_.size()));
    return schedules_.back();
  }
  // `line` (from cmd()) with the application's arguments after `--`.
  static std::vector<std::string> with_app_arguments(std::vector<std::string> line) {
    line.insert(line.end(), {"--", "--date", "2026-12-01"});
    return line;
  }
  int status_of(const std::string& name) {
    return admin().request("GET", schedule_path(name), "", "").status;
  }
  std::vector<std::string> schedules_;
};

TEST_F(Schedule, CreatesTheOperatorsObjectFromTheRenderedApplicationAndAppliesAgain) {
  const std::string name = schedule_name();
  const std::vector<std::string> args = {"schedule",
                                         "--job",
                                         "pi",
                                         "--job-args",
                                         "partitions=4",
                                         "--name",
                                         name,
                                         "--cron",
                                         "0 3 * * *",
                                         "--time-zone",
                                         "Europe/Berlin",
                                         "--concurrency-policy",
                                         "Forbid",
                                         "--keep-successful",
                                         "3",
                                         "--keep-failed",
                                         "2"};
  Result r = sparkctl(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "scheduledsparkapplication/" + name + " created\n");
  EXPECT_EQ(sparkctl(args).out, "scheduledsparkapplication/" + name + " unchanged\n");

  auto client = admin();
  const auto schedule = client.get(schedule_path(name));
  const auto& spec = schedule["spec"];
  EXPECT_EQ(spec["schedule"], "0 3 * * *");
  EXPECT_EQ(spec["timeZone"], "Europe/Berlin");
  EXPECT_EQ(spec["concurrencyPolicy"], "Forbid");
  EXPECT_EQ(spec["successfulRunHistoryLimit"], 3);
  EXPECT_EQ(spec["failedRunHistoryLimit"], 2);
  EXPECT_EQ(spec["suspend"], false);
  EXPECT_EQ(schedule["metadata"]["labels"]["sparkctl.dev/job"], "pi");
  // The template is what `render` makes for the job.
  Result rendered = run({"--config", config_, "render", "--job", "pi", "--job-args", "partitions=4",
                         "--name", name, "-o", "json"});
  ASSERT_EQ(rendered.code, 0) << rendered.err;
  EXPECT_EQ(spec["template"], nlohmann::json::parse(rendered.out)["spec"]);

  // Changed settings update it in place.
  auto changed = args;
  changed[8] = "30 4 * * 1-5";
  EXPECT_EQ(sparkctl(changed).out, "scheduledsparkapplication/" + name + " configured\n");
  EXPECT_EQ(client.get(schedule_path(name))["spec"]["schedule"], "30 4 * * 1-5");
}

TEST_F(Schedule, ListSuspendResumeRunNowDelete) {
  const std::string name = schedule_name();
  ASSERT_EQ(sparkctl({"schedule", "--job", "pi", "--name", name, "--cron", "@every 1h"}).code, 0);
  Result list = sparkctl({"schedules"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("NAME"), std::string::npos) << list.out;
  EXPECT_TRUE(std::regex_search(list.out, std::regex(name + " +pi +@every 1h +New +- +-\n")))
      << list.out;

  EXPECT_EQ(sparkctl({"schedule", "suspend", name}).out,
            "scheduledsparkapplication/" + name + " suspended\n");
  auto client = admin();
  EXPECT_EQ(client.get(schedule_path(name))["spec"]["suspend"], true);
  EXPECT_NE(sparkctl({"schedules"}).out.find("Suspended"), std::string::npos);
  EXPECT_EQ(sparkctl({"schedule", "resume", name}).out,
            "scheduledsparkapplication/" + name + " resumed\n");
  EXPECT_EQ(client.get(schedule_path(name))["spec"]["suspend"], false);

  // run-now: the template, named and labelled as the operator names its
  // runs, owned by the schedule (so its history limits count the run).
  Result now = sparkctl({"schedule", "run-now", name});
  ASSERT_EQ(now.code, 0) << now.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_match(now.out, match,
                               std::regex("sparkapplications\\.sparkoperator\\.k8s\\.io/(" + name +
                                          "-[0-9]{19}) created\n")))
      << now.out;
  created_.push_back(match[1]);
  const auto app = client.get(app_path(created_.back()));
  EXPECT_EQ(app["metadata"]["labels"]["sparkoperator.k8s.io/scheduled-app-name"], name);
  EXPECT_EQ(app["metadata"]["labels"]["sparkctl.dev/job"], "pi");
  EXPECT_EQ(app["metadata"]["ownerReferences"][0]["kind"], "ScheduledSparkApplication");
  EXPECT_EQ(app["metadata"]["ownerReferences"][0]["uid"],
            client.get(schedule_path(name))["metadata"]["uid"]);
  EXPECT_EQ(app["spec"], client.get(schedule_path(name))["spec"]["template"]);

  EXPECT_EQ(sparkctl({"schedule", "delete", name}).out,
            "scheduledsparkapplication/" + name + " deleted\n");
  EXPECT_EQ(client.request("GET", schedule_path(name), "", "").status, 404);
  Result gone = sparkctl({"schedule", "run-now", name});
  EXPECT_EQ(gone.code, 3);
  EXPECT_NE(gone.err.find("scheduledsparkapplication \"" + name + "\" not found"),
            std::string::npos)
      << gone.err;
}

TEST_F(Schedule, BadInputIsOneLineAndExit2) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"schedule", "--job", "pi", "--cron", "every day"},
       "--cron \"every day\": expected five fields (minute hour day-of-month month day-of-week, "
       "e.g. \"0 3 * * *\"), @hourly/@daily/@weekly/@monthly/@yearly, or \"@every 10m\""},
      {{"schedule", "--job", "pi", "--cron", "@daily", "--time-zone", "Europe/Atlantis"},
       "--time-zone Europe/Atlantis: not a time zone (an IANA name such as Europe/Berlin or "
       "UTC)"},
      {{"schedule", "--job", "pi", "--cron", "@daily", "--concurrency-policy", "Skip"},
       "--concurrency-policy Skip: expected Allow, Forbid or Replace"},
      {{"schedule", "--job", "pi", "--cron", "@daily", "--name",
        "a-schedule-name-that-is-much-too-long-for-runs"},
       "schedule name \"a-schedule-name-that-is-much-too-long-for-runs\" is longer than 36 "
       "characters: the names of its runs would not fit (choose a shorter --name)"},
      {{"schedule", "--cron", "@daily"},
       "schedule: --cron and what to run (--job NAME or your APP.py|APP.jar) are required (or "
       "run-now, suspend, resume, delete NAME; see --help)"},
  };
  for (const auto& c : cases) {
    Result r = sparkctl(c.args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.err, "sparkctl: error: " + c.error + "\n");
  }
  // What only the API server knows: a dry run shows it, stores nothing.
  const std::string name = schedule_name();
  Result dry =
      sparkctl({"schedule", "--job", "pi", "--name", name, "--cron", "@daily", "--dry-run=server"});
  EXPECT_EQ(dry.code, 0) << dry.err;
  EXPECT_EQ(dry.out, "scheduledsparkapplication/" + name + " created (server dry run)\n");
  EXPECT_EQ(admin().request("GET", schedule_path(name), "", "").status, 404);
}

TEST_F(Schedule, ApplicationTemplateIsWhatRenderMakesWithTheStagedUrisAndADryRunUploadsNothing) {
  use_unreachable_store();
  const std::string app = scratch_.write("app.py", "print('scheduled')\n");
  const std::string lookup = scratch_.write("lookup.csv", "a,b\n");
  const std::string name = schedule_name();
  Result dry = run(with_app_arguments(cmd({"schedule", app, "--files", lookup, "--name", name,
                                           "--cron", "@daily", "--dry-run=server", "-o", "json"})));
  ASSERT_EQ(dry.code, 0) << dry.err;
  const auto schedule = nlohmann::json::parse(dry.out);
  EXPECT_EQ(schedule["kind"], "ScheduledSparkApplication");
  EXPECT_EQ(schedule["metadata"]["name"], name);
  EXPECT_EQ(schedule["spec"]["schedule"], "@daily");
  const auto& spec = schedule["spec"]["template"];
  const std::regex staged_app("s3a://bucket/staging/[0-9a-f]{16}/app\\.py");
  ASSERT_GE(spec["arguments"].size(), 2u) << spec.dump(2);
  EXPECT_TRUE(std::regex_match(spec["arguments"][1].get<std::string>(), staged_app))
      << spec["arguments"];
  EXPECT_EQ(spec["arguments"].back(), "2026-12-01");
  const std::string deps = spec["sparkConf"]["spark.kubernetes.driverEnv.SPARKCTL_APP_DEPS"];
  EXPECT_TRUE(std::regex_search(deps, std::regex("s3a://bucket/staging/[0-9a-f]{16}/lookup\\.csv")))
      << deps;
  // The template is what `render` makes for the application.
  Result rendered = run(with_app_arguments(
      {"--config", config_, "render", app, "--files", lookup, "--name", name, "-o", "json"}));
  ASSERT_EQ(rendered.code, 0) << rendered.err;
  EXPECT_EQ(spec, nlohmann::json::parse(rendered.out)["spec"]);
  EXPECT_EQ(status_of(name), 404);

  // Without the dry run the files go up first: an upload that fails leaves no schedule.
  Result real = sparkctl({"schedule", app, "--files", lookup, "--name", name, "--cron", "@daily"});
  EXPECT_EQ(real.code, 3) << real.err;
  EXPECT_NE(real.err.find("cannot reach the S3 endpoint http://127.0.0.1:1"), std::string::npos)
      << real.err;
  EXPECT_EQ(status_of(name), 404);
}

TEST_F(Schedule, ApplicationIsNamedAfterItsFileWithinTheScheduleLimit) {
  use_unreachable_store();
  const std::string app =
      scratch_.write("Nightly_Sales_Report_For_All_Regions_And_Stores.py", "print(1)\n");
  Result r = sparkctl({"schedule", app, "--cron", "@daily", "--dry-run=server", "-o", "name"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "nightly-sales-report-for-all-region\n");
}

TEST_F(Schedule, ApplicationBadInputIsExit2BeforeAnyUploadAndCreatesNothing) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const std::string app = scratch_.write("app.py", "print(1)\n");
  const std::string jar = scratch_.write("app.jar", "not really a jar");
  const std::string missing = (scratch_ / "missing.py").string();
  const auto check = [&](const std::vector<Case>& cases) {
    for (const auto& c : cases) {
      const std::string name = schedule_name();
      auto args = c.args;
      args.insert(args.begin(), "schedule");
      const auto unless_given = [&](const std::string& flag, const std::string& value) {
        if (std::find(args.begin(), args.end(), flag) == args.end())
          args.insert(args.end(), {flag, value});
      };
      unless_given("--cron", "@daily");
      unless_given("--name", name);
      Result r = sparkctl(args);
      EXPECT_EQ(r.code, 2) << r.err;
      EXPECT_EQ(r.err, "sparkctl: error: " + c.error + "\n");
      EXPECT_EQ(status_of(name), 404);
    }
  };
  // No store configured: what is wrong is said before staging is attempted.
  check({
      {{missing}, "the application: " + missing + " does not exist"},
      {{jar}, jar + " is a jar: name its main class with --class"},
      {{app, "--class", "example.Main"}, "--class is for a jar; " + app + " is a script"},
      {{app, "--files", missing}, "--files: " + missing + " does not exist"},
      {{app, "--conf", "novalue"}, "--conf novalue: expected key=value"},
      {{"--job", "pi", app},
       "--job pi and the application " + app + " both given: run one or the other"},
      {{"--job", "pi", "--py-files", app},
       "--py-files, --files, --jars, --archives, --class, --conf, --requirements and --classic "
       "are for your own application, not --job"},
      {{app},
       "storage.staging_uri is not set: local files need a place the cluster reads them from "
       "(s3a://bucket/path or gs://bucket/path)"},
  });
  // A store that cannot be reached: a bad name is exit 2, not the upload's exit 3.
  use_unreachable_store();
  check({
      {{app, "--name", "Bad_Name"},
       "invalid application name \"Bad_Name\": use at most 63 lower-case letters, digits and "
       "'-', starting with a letter and ending with a letter or digit"},
      {{app, "--name", "a-schedule-name-that-is-much-too-long-for-runs"},
       "schedule name \"a-schedule-name-that-is-much-too-long-for-runs\" is longer than 36 "
       "characters: the names of its runs would not fit (choose a shorter --name)"},
      {{app, "--cron", "every day"},
       "--cron \"every day\": expected five fields (minute hour day-of-month month day-of-week, "
       "e.g. \"0 3 * * *\"), @hourly/@daily/@weekly/@monthly/@yearly, or \"@every 10m\""},
  });
}

}  // namespace
}  // namespace verbs_test
