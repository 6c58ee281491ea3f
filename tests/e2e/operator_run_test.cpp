// The operator runs sparkctl's batch jobs: `sparkctl submit --wait`
// creates a SparkApplication, the operator runs spark-submit against the
// test API server, which creates the driver pod. The tests check the pod
// spec the operator and Spark made from sparkctl's configuration, play the
// kubelet up to the driver's end and expect `submit --wait` to exit
// accordingly. For a successful driver the container really runs here:
// the operator's exact command line through `sparkctl entrypoint`, with a
// local master since no executor pod can run here, so pi really computes.
#include <algorithm>

#include "simulated_kubelet.hpp"

namespace e2e_test {
namespace {

// The pod spec the operator and spark-submit made from sparkctl's config.
void expect_driver_pod_from_config(const json& pod, const std::string& app) {
  const json& spec = pod["spec"];
  EXPECT_EQ(spec.value("serviceAccountName", ""), kServiceAccount);
  EXPECT_EQ(pod["metadata"]["labels"].value("sparkoperator.k8s.io/app-name", ""), app);
  EXPECT_EQ(pod["metadata"]["labels"].value("sparkctl.dev/job", ""), "pi");
  EXPECT_TRUE(owned_by_application(pod, app)) << pod["metadata"].dump(2);

  const json* container = find_named(spec["containers"], kDriverContainer);
  ASSERT_NE(container, nullptr) << spec.dump(2);
  EXPECT_EQ(container->value("image", ""), kImage);
  EXPECT_EQ(container->value("imagePullPolicy", ""), "Never");
  // The image's entrypoint is `sparkctl entrypoint`: Spark's container args
  // start with "driver", then its properties file, class and jar, then ours.
  const auto args = container->value("args", std::vector<std::string>{});
  ASSERT_FALSE(args.empty());
  EXPECT_EQ(args.front(), "driver");
  auto job = std::find(args.begin(), args.end(), "--job");
  ASSERT_NE(job, args.end()) << container->dump(2);
  ASSERT_NE(job + 1, args.end());
  EXPECT_EQ(*(job + 1), "pi");
  EXPECT_NE(std::find(args.begin(), args.end(), "partitions=3"), args.end()) << container->dump(2);

  // kubernetes.volumes and kubernetes.secrets of the config, mounted.
  const json volumes = spec.value("volumes", json::array());
  const json mounts = container->value("volumeMounts", json::array());
  const json* scratch = find_named(volumes, "scratch");
  ASSERT_NE(scratch, nullptr) << volumes.dump(2);
  EXPECT_TRUE(scratch->contains("emptyDir"));
  const json* scratch_mount = find_named(mounts, "scratch");
  ASSERT_NE(scratch_mount, nullptr) << mounts.dump(2);
  EXPECT_EQ(scratch_mount->value("mountPath", ""), "/scratch");
  const json* secret = find_named(volumes, "secret-spark-key-file");
  ASSERT_NE(secret, nullptr) << volumes.dump(2);
  EXPECT_EQ(secret->value("/secret/secretName"_json_pointer, ""), "spark-key-file");
  const json* secret_mount = find_named(mounts, "secret-spark-key-file");
  ASSERT_NE(secret_mount, nullptr) << mounts.dump(2);
  EXPECT_EQ(secret_mount->value("mountPath", ""), "/mnt/secrets");
}

}  // namespace

// Submits through sparkctl and plays the kubelet up to the driver's end
// with the exit code `run` gives; returns what `submit --wait` returned,
// nothing when there was no driver pod or sparkctl did not finish.
std::optional<CommandResult> SimulatedKubelet::run_driver_to_end(
    const std::string& app, const ContainerRun& run, const std::vector<std::string>& extra) {
  running_.push_back(submit_and_wait(app, extra));
  auto& submit = running_.back();
  const json pod = wait_for_driver_pod(app, &submit);
  if (pod.is_null()) return std::nullopt;
  expect_driver_pod_from_config(pod, app);

  // spark-submit has returned: the operator records the submission.
  EXPECT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  set_pod_running(app + "-driver");
  EXPECT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);
  const int exit_code = run(client_->get(pod_path(app + "-driver")));
  set_pod_terminated(app + "-driver", exit_code);
  EXPECT_TRUE(reaches(app, exit_code == 0 ? "COMPLETED" : "FAILED")) << application(app).dump(2);

  if (submit.wait_for(60s) != std::future_status::ready) {
    ADD_FAILURE() << "sparkctl submit --wait still waits after the application ended";
    return std::nullopt;
  }
  return submit.get();
}

namespace {

// The driver container runs here for real: `sparkctl entrypoint` with the
// operator's arguments and properties starts a Spark Connect server as the
// driver and runs pi with partitions=3 against it.
TEST_F(SimulatedKubelet, DriverPodCommandLineComputesPiAndSubmitWaitExitsZero) {
  const std::string app = name("pi-ok");
  std::string driver_out, driver_err;
  auto submit = run_driver_to_end(app, [&](const json& pod) {
    sparkctl::e2e::LocalContainer container(*client_, pod, kDriverContainer,
                                            sparkctl_image(dir_ / "driver"));
    container.start();
    const auto exit_code = container.wait(std::chrono::seconds(300));
    driver_out = container.out();
    driver_err = container.err();
    EXPECT_TRUE(exit_code) << "the driver still runs after 300 s";
    return exit_code.value_or(137);
  });
  ASSERT_TRUE(submit);
  EXPECT_NE(driver_out.find("Pi is roughly 3.1"), std::string::npos) << driver_out << driver_err;
  EXPECT_NE(driver_out.find("3 partitions"), std::string::npos) << driver_out;
  EXPECT_NE(driver_out.find("from the config"), std::string::npos) << driver_out;
  // The operator's properties reached the server: the application's name.
  EXPECT_NE(driver_err.find("Submitted application: " + app), std::string::npos) << driver_err;
  EXPECT_EQ(submit->exit_code, 0) << submit->err;
  EXPECT_NE(submit->out.find(app + " created"), std::string::npos) << submit->out;

  CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("COMPLETED"), std::string::npos) << status.out;

  // The operator's events (v2.5.2 records none for SUCCEEDING -> COMPLETED).
  CommandResult events = sparkctl({"events", app});
  EXPECT_EQ(events.exit_code, 0) << events.err;
  for (const char* reason :
       {"SparkApplicationSubmitted", "SparkDriverRunning", "SparkDriverCompleted"}) {
    EXPECT_NE(events.out.find(reason), std::string::npos) << reason << " missing in\n"
                                                          << events.out;
  }
}

TEST_F(SimulatedKubelet, SubmitWaitExitsOneWhenTheDriverFails) {
  const std::string app = name("pi-fail");
  // The container is not run: the kubelet reports a crash with exit code 1.
  auto submit = run_driver_to_end(app, [](const json&) { return 1; });
  ASSERT_TRUE(submit);
  EXPECT_EQ(submit->exit_code, 1) << submit->err;

  // A failed application's status is exit 1, with the cause.
  CommandResult status = sparkctl({"status", app});
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_NE(status.out.find("FAILED"), std::string::npos) << status.out;
  // The operator's reason, from the container status the "kubelet" wrote.
  EXPECT_NE(status.out.find("ExitCode: 1"), std::string::npos) << status.out;
  EXPECT_NE(status.err.find("FAILED: the driver exited with code 1 (the job failed)"),
            std::string::npos)
      << status.err;

  CommandResult events = sparkctl({"events", app});
  EXPECT_EQ(events.exit_code, 0) << events.err;
  EXPECT_NE(events.out.find("SparkDriverFailed"), std::string::npos) << events.out;
}

TEST_F(SimulatedKubelet, LogsAndDeleteOfAnOperatorRunApplication) {
  const std::string app = name("pi-delete");
  running_.push_back(submit_and_wait(app));
  const json pod = wait_for_driver_pod(app, &running_.back());
  ASSERT_FALSE(pod.is_null());
  ASSERT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  set_pod_running(app + "-driver");
  ASSERT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);

  // The pod has no node, so the API server answers with an empty log (it
  // would ask that node's kubelet): sparkctl finds the operator's driver pod
  // through the application's status and prints that log.
  CommandResult logs = sparkctl({"logs", app});
  EXPECT_EQ(logs.exit_code, 0) << logs.err;
  EXPECT_EQ(logs.out, "");

  // Deleting a running application ends `submit --wait` with exit 1.
  CommandResult removed = sparkctl({"delete", app, "--wait", "--timeout", "60s"});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(client_->request("GET", app_path(app), "", "").status, 404);
  ASSERT_EQ(running_.back().wait_for(60s), std::future_status::ready);
  CommandResult submit = running_.back().get();
  EXPECT_EQ(submit.exit_code, 1) << submit.err;
  EXPECT_NE(submit.err.find("deleted"), std::string::npos) << submit.err;

  // spark-operator v2.5.2 puts no finalizer on an application, so it deletes
  // nothing itself: the driver pod (and the UI service) go with the
  // application through their owner references, by the garbage collector,
  // which this test cluster does not run. Assert just that link.
  for (const std::string& path :
       {pod_path(app + "-driver"), "/api/v1/namespaces/" + ns_ + "/services/" + app + "-ui-svc"}) {
    auto left = client_->request("GET", path, "", "");
    ASSERT_EQ(left.status, 200) << path;
    EXPECT_TRUE(owned_by_application(left.json(), app)) << path;
  }
}

}  // namespace
}  // namespace e2e_test
