// Batch jobs on the real node: `sparkctl submit --wait` makes a
// SparkApplication, the operator (a Deployment on the node) runs
// spark-submit, the driver pod runs `sparkctl entrypoint driver` and its
// executors run as pods too; the tests read the pods, their container
// statuses and logs from the API server, and cloud_etl's Parquet from the
// S3 store.
#include "node_cluster.hpp"

namespace node_test {
namespace {

// pi with two executor pods: all three ran as containers on the node and
// ended with exit code 0, the driver's log shows tasks on both executors,
// and `sparkctl logs` prints the estimate.
TEST_F(RealNode, PiRunsOnTwoExecutorPodsAndLogsPrintTheEstimate) {
  const std::string app = name("pi");
  const CommandResult submit =
      sparkctl({"submit", "--job", "pi", "--name", app, "--wait", "--job-args", "partitions=20"});
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  EXPECT_EQ(state_of(app), "COMPLETED");

  // The application completes on the driver container's exit; the pods'
  // phases follow a moment later (the executors' once their JVMs have
  // stopped, which takes longer on a busy node).
  json drivers, executors;
  const auto ended = [](const json& pods) {
    for (const json& pod : pods)
      if (pod.value("/status/phase"_json_pointer, "") == "Running") return false;
    return true;
  };
  eventually(
      [&] {
        drivers = pods(app, "driver");
        executors = pods(app, "executor");
        return drivers.size() == 1 && ended(drivers) && ended(executors);
      },
      60s);
  ASSERT_EQ(drivers.size(), 1u) << drivers.dump(2);
  ASSERT_EQ(executors.size(), 2u) << executors.dump(2);
  for (const json& pod : {drivers[0], executors[0], executors[1]}) {
    const std::string pod_name = pod["metadata"].value("name", "");
    EXPECT_EQ(pod.value("/spec/nodeName"_json_pointer, ""), node_name) << pod_name;
    EXPECT_EQ(pod.value("/spec/containers/0/image"_json_pointer, ""), cluster_["SPARKCTL_IMAGE"]);
    EXPECT_EQ(pod.value("/status/phase"_json_pointer, ""), "Succeeded") << pod_name;
    EXPECT_EQ(terminated(pod).value("exitCode", -1), 0) << pod["status"].dump(2);
    // A container the kubelet started: it has an ID and a start time.
    EXPECT_NE(terminated(pod).value("containerID", ""), "") << pod["status"].dump(2);
    EXPECT_NE(terminated(pod).value("startedAt", ""), "") << pod["status"].dump(2);
  }

  const CommandResult logs = sparkctl({"logs", app});
  ASSERT_EQ(logs.exit_code, 0) << logs.err;
  EXPECT_NE(logs.out.find("Pi is roughly 3.1"), std::string::npos) << logs.out;
  EXPECT_NE(logs.out.find("20 partitions"), std::string::npos) << logs.out;
  for (const char* executor : {"(executor 1)", "(executor 2)"}) {
    EXPECT_GE(count(logs.out, executor), 1u) << "no task finished on " << executor;
  }
  EXPECT_EQ(count(logs.out, "Finished task"), 20u + 1u) << "20 map tasks and the final one";
}

// The S3 store of the fixture node_s3, listening on the node's address.
struct S3Store {
  std::map<std::string, std::string> vars;  // SPARKCTL_TEST_S3_*
  std::string get(const std::string& key) const { return vars.at("SPARKCTL_TEST_S3_" + key); }
  std::string uri(const std::string& key) const { return "s3a://" + get("BUCKET") + "/" + key; }
};

S3Store s3_store() {
  return {read_env_file(fs::path(std::getenv("SPARKCTL_TEST_S3_DIR")) / "env")};
}

// cloud_etl in pods reads titanic.csv from the S3 store and writes Parquet
// back. The driver gets the store's address and keys as sparkctl settings
// in its environment (the keys from a Secret), as a user would pass them;
// the test reads the written Parquet from the store with its own S3 client.
TEST_F(RealNode, CloudEtlReadsS3AndWritesParquetBack) {
  const S3Store store = s3_store();
  const std::string app = name("etl");
  const std::string secret = app + "-s3";
  client_->create(
      api("secrets"),
      {{"apiVersion", "v1"},
       {"kind", "Secret"},
       {"metadata", {{"name", secret}}},
       {"stringData",
        {{"access_key", store.get("ACCESS_KEY")}, {"secret_key", store.get("SECRET_KEY")}}}});
  write_config({
      {"spark.kubernetes.driverEnv.SPARKCTL_STORAGE_S3_ENDPOINT", store.get("ENDPOINT")},
      {"spark.kubernetes.driverEnv.SPARKCTL_STORAGE_S3_REGION", store.get("REGION")},
      {"spark.kubernetes.driver.secretKeyRef.SPARKCTL_STORAGE_S3_ACCESS_KEY",
       secret + ":access_key"},
      {"spark.kubernetes.driver.secretKeyRef.SPARKCTL_STORAGE_S3_SECRET_KEY",
       secret + ":secret_key"},
  });
  const std::string output = "node-etl/" + app;
  const CommandResult submit =
      sparkctl({"submit", "--job", "cloud_etl", "--name", app, "--wait", "--job-args",
                "input=" + store.uri("titanic.csv"), "output=" + store.uri(output)});
  client_->request("DELETE", api("secrets/" + secret), "", "");
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  EXPECT_EQ(submit.err.find(store.get("SECRET_KEY")), std::string::npos);

  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("Read 891 rows from " + store.uri("titanic.csv")), std::string::npos)
      << logs.out;
  EXPECT_NE(logs.out.find("Wrote 891 rows to " + store.uri(output)), std::string::npos) << logs.out;
  EXPECT_EQ(pods(app, "executor").size(), 2u);

  // Read back through the store's S3 API (pyarrow's S3 client).
  CommandOptions options;
  for (const auto& [key, value] : store.vars) options.env[key] = value;
  const CommandResult read = sparkctl::testing::run_command(
      {SPARKCTL_TEST_PYTHON, SPARKCTL_NODE_TEST_DIR "/read_parquet.py", output}, options);
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out,
            "891 rows, 12 columns: PassengerId Survived Pclass Name Sex Age SibSp Parch "
            "Ticket Fare Cabin Embarked\n");
}

// The same through Google's GCS connector in the image, against the GCS
// test server (fixture node_gcs, no authentication): storage.gcs.endpoint
// in the driver's environment is all the driver needs.
TEST_F(RealNode, CloudEtlReadsGcsAndWritesParquetBack) {
  const auto gcs = read_env_file(fs::path(std::getenv("SPARKCTL_TEST_GCS_DIR")) / "env");
  const std::string bucket = "gs://" + gcs.at("SPARKCTL_TEST_GCS_BUCKET") + "/";
  const std::string app = name("etl-gcs");
  write_config({{"spark.kubernetes.driverEnv.SPARKCTL_STORAGE_GCS_ENDPOINT",
                 gcs.at("SPARKCTL_TEST_GCS_ENDPOINT")}});
  const std::string output = "node-etl/" + app;
  const CommandResult submit =
      sparkctl({"submit", "--job", "cloud_etl", "--name", app, "--wait", "--job-args",
                "input=" + bucket + "titanic.csv", "output=" + bucket + output});
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  const CommandResult logs = sparkctl({"logs", app});
  EXPECT_NE(logs.out.find("Read 891 rows from " + bucket + "titanic.csv"), std::string::npos)
      << logs.out;
  EXPECT_NE(logs.out.find("Wrote 891 rows to " + bucket + output), std::string::npos) << logs.out;

  // Read back through the server's JSON API (pyarrow's GCS client).
  CommandOptions options;
  for (const auto& [key, value] : gcs) options.env[key] = value;
  const CommandResult read = sparkctl::testing::run_command(
      {SPARKCTL_TEST_PYTHON, SPARKCTL_NODE_TEST_DIR "/read_parquet.py", "--gcs", output}, options);
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out,
            "891 rows, 12 columns: PassengerId Survived Pclass Name Sex Age SibSp Parch "
            "Ticket Fare Cabin Embarked\n");
}

}  // namespace
}  // namespace node_test
