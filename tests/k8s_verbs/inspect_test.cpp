// status, list, events, logs, ui and delete against the real API server,
// with the status an operator would have written.
#include "verbs_support.hpp"

namespace verbs_test {
namespace {

class Inspect : public ClusterTest {
 protected:
  void running(const std::string& app) {
    auto client = admin();
    set_status(client, app,
               {{"applicationState", state("RUNNING")},
                {"submissionAttempts", 1},
                {"executionAttempts", 2},
                {"lastSubmissionAttemptTime", "2024-05-01T10:00:00Z"},
                {"driverInfo",
                 {{"podName", app + "-driver"},
                  {"webUIServiceName", app + "-ui-svc"},
                  {"webUIAddress", "10.96.0.7:4040"},
                  {"webUIPort", 4040}}},
                {"executorState",
                 {{app + "-4f1c-exec-1", "RUNNING"},
                  {app + "-4f1c-exec-2", "RUNNING"},
                  {app + "-4f1c-exec-3", "FAILED"}}}});
  }
};

TEST_F(Inspect, StatusTableShowsTheOperatorsStatus) {
  const std::string app = name("status");
  submit(app);
  running(app);
  Result r = sparkctl({"status", app});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const std::string header : {"NAME", "JOB", "STATE", "SUBMITTED", "COMPLETED", "DRIVER", "UI",
                                   "EXECUTORS", "ATTEMPTS", "ERROR"}) {
    EXPECT_NE(r.out.find(header), std::string::npos) << header << "\n" << r.out;
  }
  for (const std::string& value :
       std::vector<std::string>{app + "-driver", app + "-ui-svc (10.96.0.7:4040)",
                                "3 (1 FAILED, 2 RUNNING)", "1/2", "RUNNING", " pi "}) {
    EXPECT_NE(r.out.find(value), std::string::npos) << value << "\n" << r.out;
  }
}

TEST_F(Inspect, StatusJsonAndYamlAreTheObject) {
  const std::string app = name("status-json");
  submit(app);
  running(app);
  Result json = sparkctl({"status", app, "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["status"]["applicationState"]["state"], "RUNNING");
  Result yaml = sparkctl({"status", app, "-o", "yaml"});
  ASSERT_EQ(yaml.code, 0) << yaml.err;
  EXPECT_NE(yaml.out.find("    state: RUNNING\n"), std::string::npos) << yaml.out;
}

// A failed application: the table with the operator's message, the cause
// on stderr, exit 1 (scripts can test `sparkctl status NAME`).
TEST_F(Inspect, SimulatedOperatorFailedStatusExits1WithTheCause) {
  const std::string app = name("status-err");
  submit(app);
  auto client = admin();
  set_status(client, app,
             {{"applicationState",
               state("FAILED", "driver container failed with ExitCode: 2, Reason: Error")}});
  Result r = sparkctl({"status", app});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("driver container failed with ExitCode: 2"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "sparkctl: error: SparkApplication \"" + app +
                       "\" FAILED: the driver exited with code 2 (bad job arguments)\n");
  Result json = sparkctl({"status", app, "-o", "json"});
  EXPECT_EQ(json.code, 1);
  EXPECT_EQ(nlohmann::json::parse(json.out)["status"]["applicationState"]["state"], "FAILED");
}

TEST_F(Inspect, StatusOfUnknownApplicationExits3) {
  Result r = sparkctl({"status", "no-such-app"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("SparkApplication \"no-such-app\" not found in namespace \"spark\""),
            std::string::npos)
      << r.err;
}

TEST_F(Inspect, ListFiltersByJobAndPrintsNames) {
  const std::string app = name("list");
  submit(app);
  Result table = sparkctl({"list"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_EQ(table.out.rfind("NAME", 0), 0u) << table.out;
  EXPECT_NE(table.out.find(app), std::string::npos) << table.out;
  Result names = sparkctl({"list", "--job", "pi", "-o", "name"});
  ASSERT_EQ(names.code, 0) << names.err;
  EXPECT_NE(names.out.find(app + "\n"), std::string::npos) << names.out;
  Result other = sparkctl({"list", "--job", "cloud_etl", "-o", "name"});
  ASSERT_EQ(other.code, 0) << other.err;
  EXPECT_EQ(other.out.find(app), std::string::npos) << other.out;
  Result json = sparkctl({"list", "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_TRUE(nlohmann::json::parse(json.out)["items"].is_array());
}

TEST_F(Inspect, EventsOfApplicationAndDriverPod) {
  const std::string app = name("events");
  submit(app);
  auto client = admin();
  auto event = [&](const std::string& kind, const std::string& object, const std::string& reason,
                   const std::string& message, const std::string& time) {
    client.create("/api/v1/namespaces/spark/events",
                  {{"apiVersion", "v1"},
                   {"kind", "Event"},
                   {"metadata", {{"name", unique_name("ev")}}},
                   {"involvedObject", {{"kind", kind}, {"name", object}, {"namespace", "spark"}}},
                   {"reason", reason},
                   {"message", message},
                   {"type", "Normal"},
                   {"firstTimestamp", time},
                   {"lastTimestamp", time}});
  };
  event("Pod", app + "-driver", "Scheduled", "assigned to node-1", "2024-05-01T10:00:05Z");
  event("SparkApplication", app, "SparkApplicationSubmitted", "submitted successfully",
        "2024-05-01T10:00:01Z");
  Result r = sparkctl({"events", app});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto submitted_at = r.out.find("sparkapplication/" + app);
  const auto scheduled_at = r.out.find("pod/" + app + "-driver");
  ASSERT_NE(submitted_at, std::string::npos) << r.out;
  ASSERT_NE(scheduled_at, std::string::npos) << r.out;
  EXPECT_LT(submitted_at, scheduled_at) << "oldest first:\n" << r.out;
  EXPECT_NE(r.out.find("SparkApplicationSubmitted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("assigned to node-1"), std::string::npos) << r.out;
  Result json = sparkctl({"events", app, "-o", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["items"].size(), 2u);
}

TEST_F(Inspect, LogsWithoutDriverPodExits3) {
  const std::string app = name("logs-new");
  submit(app);
  Result r = sparkctl({"logs", app});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("has no driver pod yet (state NEW)"), std::string::npos) << r.err;
}

TEST_F(Inspect, LogsOfVanishedDriverPodExits3) {
  const std::string app = name("logs-gone");
  submit(app);
  running(app);
  Result r = sparkctl({"logs", app});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("pod \"" + app + "-driver\" not found in namespace \"spark\""),
            std::string::npos)
      << r.err;
}

TEST_F(Inspect, LogsOfUnknownExecutorListsTheKnownOnes) {
  const std::string app = name("logs-exec");
  submit(app);
  running(app);
  Result r = sparkctl({"logs", app, "--executor", "9"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("has no executor 9; executors: 1, 2, 3"), std::string::npos) << r.err;
  Result known = sparkctl({"logs", app, "--executor", "2"});
  EXPECT_EQ(known.code, 3);  // the pod itself does not exist here
  EXPECT_NE(known.err.find("pod \"" + app + "-4f1c-exec-2\" not found"), std::string::npos)
      << known.err;
}

TEST_F(Inspect, UiFallsBackToKubectlPortForward) {
  const std::string app = name("ui");
  submit(app);
  running(app);
  Result r = sparkctl({"ui", app, "--port", "0"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("instead, try: kubectl --kubeconfig " + kubeconfig() +
                       " --context admin -n spark "
                       "port-forward pod/" +
                       app + "-driver 4040:4040"),
            std::string::npos)
      << r.err;
}

TEST_F(Inspect, DeleteWaitRemovesAndSecondDeleteExits3) {
  const std::string app = name("delete");
  submit(app);
  Result r = sparkctl({"delete", app, "--wait", "--timeout", "30s"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "sparkapplications.sparkoperator.k8s.io/" + app + " deleted\n");
  EXPECT_EQ(admin().request("GET", app_path(app), "", "").status, 404);
  Result again = sparkctl({"delete", app});
  EXPECT_EQ(again.code, 3);
  EXPECT_NE(again.err.find("SparkApplication \"" + app + "\" not found"), std::string::npos)
      << again.err;
}

TEST_F(Inspect, DeleteWaitHonoursFinalizers) {
  const std::string app = name("finalized");
  submit(app);
  auto client = admin();
  client.patch(app_path(app), {{"metadata", {{"finalizers", {"sparkctl.dev/test"}}}}},
               "application/merge-patch+json");
  Process deleting(cmd({"delete", app, "--wait", "--timeout", "60s"}));
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(client.request("GET", app_path(app), "", "").status, 200);  // held by the finalizer
  client.patch(app_path(app), {{"metadata", {{"finalizers", nullptr}}}},
               "application/merge-patch+json");
  Result r = deleting.finish();
  EXPECT_EQ(r.code, 0) << r.err;
}

}  // namespace
}  // namespace verbs_test
