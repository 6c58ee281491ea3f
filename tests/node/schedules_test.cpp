// Schedules with the spark-operator running in the cluster: a short
// `@every` schedule made by `sparkctl schedule` gets runs from the operator,
// `schedules` shows them, `run-now` adds one the operator submits like its
// own, and `suspend` / `resume` stop and restart the runs. The runs name an
// image the node does not have, so their driver pods stay Pending and the
// test measures the schedule, not two cores' worth of Spark applications.
#include <algorithm>

#include "node_cluster.hpp"
#include "sparkctl/k8s/scheduled_application.hpp"

namespace node_test {
namespace {

TEST_F(RealNode, ScheduleEveryTenSecondsRunNowSuspendResume) {
  write_config({}, "localhost/sparkctl/not-built:schedule");
  const std::string schedule = "every-" + std::to_string(::getpid() % 100000);
  const std::string path = "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" +
                           std::string(test_namespace) + "/scheduledsparkapplications/" + schedule;
  // The runs: the operator's and run-now's, all labelled with the schedule.
  auto runs = [&] {
    std::vector<std::string> names;
    const auto list = client_->get(
        "/apis/sparkoperator.k8s.io/v1beta2/namespaces/" + std::string(test_namespace) +
        "/sparkapplications?labelSelector=" + "sparkoperator.k8s.io%2Fscheduled-app-name%3D" +
        schedule);
    for (const auto& item : list.value("items", json::array())) {
      names.push_back(item["metadata"].value("name", ""));
      if (std::find(created_.begin(), created_.end(), names.back()) == created_.end())
        created_.push_back(names.back());  // TearDown deletes it and its driver pod
    }
    return names;
  };
  struct Cleanup {
    sparkctl::k8s::Client& client;
    std::string path;
    ~Cleanup() { client.request("DELETE", path, "", ""); }
  } cleanup{*client_, path};

  CommandResult made = sparkctl({"schedule", "--job", "pi", "--name", schedule, "--cron",
                                 "@every 10s", "--keep-successful", "1", "--keep-failed", "1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;

  // The operator schedules it and starts a run.
  ASSERT_TRUE(eventually([&] { return !runs().empty(); }, 60s)) << client_->get(path).dump(2);
  const auto status = sparkctl::k8s::ScheduledSparkApplication::from_json(client_->get(path));
  EXPECT_EQ(status.state, "Scheduled");
  CommandResult listed = sparkctl({"schedules"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(schedule), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("Scheduled"), std::string::npos) << listed.out;

  // Suspended: no new run for more than two periods.
  ASSERT_EQ(sparkctl({"schedule", "suspend", schedule}).exit_code, 0);
  std::this_thread::sleep_for(2s);  // a run that was due just now
  const auto before = runs().size();
  std::this_thread::sleep_for(25s);
  EXPECT_EQ(runs().size(), before) << "runs started while suspended";

  // run-now while suspended: a run the operator submits like its own.
  CommandResult now = sparkctl({"schedule", "run-now", schedule});
  ASSERT_EQ(now.exit_code, 0) << now.err;
  EXPECT_EQ(runs().size(), before + 1);
  std::string made_now;
  for (const auto& name : runs())
    if (now.out.find(name) != std::string::npos) made_now = name;
  ASSERT_FALSE(made_now.empty()) << now.out;
  EXPECT_TRUE(eventually([&] { return !state_of(made_now).empty(); }, 90s))
      << "the operator never took up " << made_now << ": " << application(made_now).dump(2);

  // Resumed: runs start again.
  ASSERT_EQ(sparkctl({"schedule", "resume", schedule}).exit_code, 0);
  EXPECT_TRUE(eventually([&] { return runs().size() > before + 1; }, 60s));
  EXPECT_EQ(sparkctl({"schedule", "delete", schedule}).exit_code, 0);
}

}  // namespace
}  // namespace node_test
