// Users' own applications in pods (`submit app.py`, `submit app.jar`,
// `schedule app.py`): their local files (with the packages of
// --requirements, packed for the image's Python) staged to the S3 test
// store under content addresses (in one test to the GCS test server),
// fetched by the driver's sparkctl with the credentials of a Secret, and
// run on Spark Connect (the default) or as the operator's ordinary
// Python/Java application (--classic, jars). The same script
// prints the same line as `run` does locally
// (tests/jobs/own_application_test.cpp).
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "node_cluster.hpp"

namespace node_test {
namespace {

const std::string apps = SPARKCTL_TEST_APPS_DIR;
const std::string titanic = SPARKCTL_TEST_TITANIC_CSV;
const std::string survival_rates =
    "first/adult=0.638 first/child=0.917 first/unknown=0.467 second/adult=0.413 "
    "second/child=0.913 second/unknown=0.364 third/adult=0.202 third/child=0.372 "
    "third/unknown=0.25 mmh3=299252\n";

class OwnApplications : public RealNode {
 protected:
  void SetUp() override {
    RealNode::SetUp();
    store_ = read_env_file(fs::path(std::getenv("SPARKCTL_TEST_S3_DIR")) / "env");
    secret_ = name("store-creds");
    client_->create(api("secrets"),
                    {{"apiVersion", "v1"},
                     {"kind", "Secret"},
                     {"metadata", {{"name", secret_}}},
                     {"stringData",
                      {{"access_key", store("ACCESS_KEY")}, {"secret_key", store("SECRET_KEY")}}}});
  }
  void TearDown() override {
    for (const auto& schedule : schedules_) sparkctl({"schedule", "delete", schedule});
    client_->request("DELETE", api("secrets/" + secret_), "", "");
    RealNode::TearDown();
  }

  std::string store(const std::string& key) const { return store_.at("SPARKCTL_TEST_S3_" + key); }

  CommandResult submit(std::vector<std::string> args) const {
    args.insert(args.begin(), "submit");
    return with_store(std::move(args));
  }

  // sparkctl with the store as a user would name it: in the environment.
  CommandResult with_store(const std::vector<std::string>& args) const {
    CommandOptions options = packing_requirements();
    options.env.insert({
        {"SPARKCTL_STORAGE_STAGING_URI", "s3a://" + store("BUCKET") + "/staging"},
        {"SPARKCTL_STORAGE_S3_ENDPOINT", store("ENDPOINT")},
        {"SPARKCTL_STORAGE_S3_REGION", store("REGION")},
        {"SPARKCTL_STORAGE_S3_ACCESS_KEY", store("ACCESS_KEY")},
        {"SPARKCTL_STORAGE_S3_SECRET_KEY", store("SECRET_KEY")},
        {"SPARKCTL_STORAGE_SECRET", secret_},
    });
    return sparkctl(args, options);
  }

  // --requirements: from the wheels set-up fetched, packed in this test's folder.
  CommandOptions packing_requirements() const {
    CommandOptions options;
    options.env = {
        {"PIP_NO_INDEX", "1"},
        {"PIP_FIND_LINKS", SPARKCTL_TEST_WHEELS_DIR},
        {"SPARKCTL_STATE_DIR", (dir_ / "state").string()},
    };
    return options;
  }

  std::vector<std::string> survival_app(const std::string& app, const std::string& label) {
    return {apps + "/survival_app.py",
            "--name",
            app,
            "--py-files",
            apps + "/mylib",
            "--files",
            apps + "/lookup.csv," + titanic,
            "--requirements",
            apps + "/requirements.txt",
            "--wait",
            "--",
            "--label",
            label};
  }

  std::map<std::string, std::string> store_;
  std::string secret_;
  std::vector<std::string> schedules_;  // deleted at the end (their runs with them)
};

TEST_F(OwnApplications, ScriptOnSparkConnectWithStagedFilesAndAResubmitUploadsNothing) {
  const std::string app = name("own-connect");
  const CommandResult first = submit(survival_app(app, "pods"));
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(first.err.find(store("SECRET_KEY")), std::string::npos);
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("pods: " + survival_rates), std::string::npos) << logs.out;
  EXPECT_EQ(pods(app, "executor").size(), 2u);
  const auto spec = application(app).dump();
  EXPECT_EQ(spec.find(store("SECRET_KEY")), std::string::npos) << "a secret in the spec";

  // The same files again: every one is already at its address.
  const std::string again = name("own-connect");
  const CommandResult second =
      submit({apps + "/survival_app.py", "--name", again, "--py-files", apps + "/mylib", "--files",
              apps + "/lookup.csv," + titanic, "--requirements", apps + "/requirements.txt", "--",
              "--label", "again"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.err.find("uploaded to"), std::string::npos) << second.err;
  EXPECT_EQ(count(second.err, "already at s3a://" + store("BUCKET") + "/staging/"), 5u)
      << second.err;
}

TEST_F(OwnApplications, ClassicScriptIsTheOperatorsPythonApplication) {
  const std::string app = name("own-classic");
  auto args = survival_app(app, "classic");
  args.insert(args.begin() + 1, "--classic");
  const CommandResult run = submit(args);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(application(app).value("/spec/type"_json_pointer, ""), "Python");
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("classic: " + survival_rates), std::string::npos) << logs.out;
}

TEST_F(OwnApplications, JarWithItsClassAndArguments) {
  const CommandResult compiled =
      sparkctl::testing::run_command({apps + "/build_jar.sh", dir_.string(), SPARKCTL_TEST_PYTHON});
  ASSERT_EQ(compiled.exit_code, 0) << compiled.err;
  const std::string app = name("own-jar");
  const CommandResult run =
      submit({(dir_ / "range-count.jar").string(), "--class", "example.RangeCount", "--name", app,
              "--wait", "--", "1234", "counted"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(application(app).value("/spec/type"_json_pointer, ""), "Java");
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("counted: 1234 rows"), std::string::npos) << logs.out;
}

TEST_F(OwnApplications, RaisingScriptExitsOneWithItsTracebacksLastLine) {
  const std::string app = name("own-fails");
  const CommandResult run = submit({apps + "/failing_app.py", "--name", app, "--wait"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("ValueError: no data for 2026-12-01"), std::string::npos) << run.err;
}

// Staged once, when the schedule is made: its template names the staged
// URIs, and a run made from it (run-now, while the schedule is suspended so
// that the operator starts none) fetches them like a submitted one.
TEST_F(OwnApplications, ScheduledScriptRunsFromTheFilesStagedWhenTheScheduleWasMade) {
  const std::string schedule = "own-sched-" + std::to_string(::getpid() % 100000);
  schedules_.push_back(schedule);
  const std::string staging = "s3a://" + store("BUCKET") + "/staging/";
  const CommandResult made = with_store(
      {"schedule", apps + "/survival_app.py", "--name", schedule, "--py-files", apps + "/mylib",
       "--files", apps + "/lookup.csv," + titanic, "--requirements", apps + "/requirements.txt",
       "--cron", "@every 1h", "--suspend", "--", "--label", "scheduled"});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  EXPECT_EQ(made.out, "scheduledsparkapplication/" + schedule + " created\n");
  EXPECT_EQ(count(made.err, " " + staging), 5u) << made.err;  // uploaded to / already at
  const auto spec =
      client_->get("/apis/sparkoperator.k8s.io/v1beta2/namespaces/" + std::string(test_namespace) +
                   "/scheduledsparkapplications/" + schedule)["spec"];
  EXPECT_EQ(spec["template"]["arguments"][1].get<std::string>().rfind(staging, 0), 0u)
      << spec["template"]["arguments"];
  EXPECT_EQ(spec.dump().find(store("SECRET_KEY")), std::string::npos) << "a secret in the spec";

  const CommandResult now = sparkctl({"schedule", "run-now", schedule, "--wait"});
  std::smatch run;
  ASSERT_TRUE(std::regex_search(
      now.out, run,
      std::regex("sparkapplications\\.sparkoperator\\.k8s\\.io/(" + schedule + "-[0-9]+) created")))
      << now.out << now.err;
  created_.push_back(run[1]);
  ASSERT_EQ(now.exit_code, 0) << now.out << now.err;
  const CommandResult logs = sparkctl({"logs", run[1]});
  EXPECT_NE(logs.out.find("scheduled: " + survival_rates), std::string::npos) << logs.out;
}

// Staged to the GCS test server instead (fixture node_gcs, on the node's
// address, no authentication): sparkctl uploads over GCS's JSON API and
// the driver's sparkctl fetches from there.
TEST_F(OwnApplications, ScriptStagedToTheGcsServerRunsOnSparkConnect) {
  const auto gcs = read_env_file(fs::path(std::getenv("SPARKCTL_TEST_GCS_DIR")) / "env");
  const std::string staging = "gs://" + gcs.at("SPARKCTL_TEST_GCS_BUCKET") + "/staging/";
  CommandOptions options = packing_requirements();
  options.env["SPARKCTL_STORAGE_STAGING_URI"] = staging;
  options.env["SPARKCTL_STORAGE_GCS_ENDPOINT"] = gcs.at("SPARKCTL_TEST_GCS_ENDPOINT");
  const std::string app = name("own-gcs");
  auto args = survival_app(app, "gcs");
  args.insert(args.begin(), "submit");
  const CommandResult run = sparkctl(args, options);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  // The app, mylib.zip, two --files and the packed requirements.
  EXPECT_EQ(count(run.err, " " + staging), 5u) << run.err;
  const auto deps = application(app).dump();
  EXPECT_NE(deps.find(staging), std::string::npos) << deps;
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("gcs: " + survival_rates), std::string::npos) << logs.out;
}

// `make cluster-up`'s store (scripts/local-cluster.sh store up, here on the
// fixture's cluster): the exports it prints are all `submit app.py` needs.
TEST_F(OwnApplications, LocalClusterStoreExportsAreAllSubmitNeeds) {
  const std::string cluster_script = SPARKCTL_NODE_TEST_DIR "/../../scripts/local-cluster.sh";
  const CommandResult up = sparkctl::testing::run_command({cluster_script, "store", "up"});
  struct StoreDown {
    std::string script;
    ~StoreDown() { sparkctl::testing::run_command({script, "store", "down"}); }
  } down{cluster_script};
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const CommandResult env = sparkctl::testing::run_command({cluster_script, "store", "env"});
  ASSERT_EQ(env.exit_code, 0) << env.err;
  std::ofstream(dir_ / "store.env") << env.out;
  const auto exports = read_env_file(dir_ / "store.env");
  ASSERT_EQ(exports.count("SPARKCTL_STORAGE_STAGING_URI"), 1u) << env.out;

  CommandOptions options = packing_requirements();
  options.env.insert(exports.begin(), exports.end());
  const std::string app = name("own-cluster-store");
  auto args = survival_app(app, "cluster-up");
  args.insert(args.begin(), "submit");
  const CommandResult run = sparkctl(args, options);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("cluster-up: " + survival_rates), std::string::npos) << logs.out;
}

// While a script runs, `sparkctl ui` forwards to its driver's Spark UI, as
// for a job.
TEST_F(OwnApplications, UiOfARunningScriptIsItsDriversSparkUi) {
  const std::string app = name("own-ui");
  const CommandResult run =
      with_store({"submit", apps + "/waiting_app.py", "--name", app, "--", "180"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_TRUE(eventually(
      [&] {
        return application(app).value("/status/applicationState/state"_json_pointer, "") ==
               "RUNNING";
      },
      std::chrono::seconds(240)))
      << application(app).dump();
  std::string log;
  EXPECT_EQ(spark_ui_status(app, log), 200) << log;
}

TEST_F(OwnApplications, LocalFilesWithoutAStagingUriCreateNothing) {
  const std::string app = name("own-nostore");
  const CommandResult run = sparkctl({"submit", apps + "/survival_app.py", "--name", app});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("storage.staging_uri is not set"), std::string::npos) << run.err;
  EXPECT_TRUE(application(app).is_null());
}

}  // namespace
}  // namespace node_test
