// Tests that take something away from every other test: the API server
// (restart) or the SparkApplication CRD. ctest runs them alone (RUN_SERIAL).
#include "verbs_support.hpp"

namespace verbs_test {
namespace {

int shell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string kubectl() {
  return "'" + cluster_env("SPARKCTL_TEST_KUBECTL") + "' --kubeconfig '" + kubeconfig() +
         "' --context admin ";
}

class Disruptive : public ClusterTest {};

TEST_F(Disruptive, SimulatedOperatorWaitSurvivesApiserverRestart) {
  const std::string script = env_or_empty("SPARKCTL_TEST_CLUSTER_SCRIPT");
  ASSERT_FALSE(script.empty());
  const std::string app = name("restart");
  submit(app);
  Process waiting(cmd({"wait", app, "--timeout", "3m"}));
  ASSERT_TRUE(waiting.wait_for_output(app + ": NEW")) << waiting.err();
  {
    auto client = admin();
    set_status(
        client, app,
        {{"applicationState", state("RUNNING")}, {"driverInfo", {{"podName", app + "-driver"}}}});
  }
  ASSERT_TRUE(waiting.wait_for_output(app + ": RUNNING")) << waiting.err();

  ASSERT_EQ(shell("'" + script + "' restart-apiserver"), 0);
  // Changed while the watch may still be reconnecting: found by resuming
  // from the last resourceVersion (or by re-listing).
  auto client = admin();
  set_status(client, app, {{"applicationState", state("COMPLETED")}});
  Result r = waiting.finish();
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "sparkapplications.sparkoperator.k8s.io/" + app + " COMPLETED\n");
}

TEST_F(Disruptive, MissingCrdIs404WithInstallHint) {
  const std::string crd =
      std::string(SPARKCTL_SOURCE_DIR) + "/.cache/crd/sparkoperator.k8s.io_sparkapplications.yaml";
  ASSERT_TRUE(fs::exists(crd));
  ASSERT_EQ(
      shell(kubectl() + "delete crd sparkapplications.sparkoperator.k8s.io --wait=true >/dev/null"),
      0);
  struct Restore {
    std::string crd;
    ~Restore() {
      shell(kubectl() + "apply --server-side --field-manager sparkctl-test-cluster -f '" + crd +
            "' >/dev/null");
      shell(kubectl() +
            "wait --for condition=Established --timeout 60s "
            "crd/sparkapplications.sparkoperator.k8s.io >/dev/null 2>&1");
      // Discovery of the group can lag behind Established.
      for (int i = 0; i < 300; ++i) {
        if (admin()
                .request("GET",
                         "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark/sparkapplications",
                         "", "")
                .status == 200)
          return;
        std::this_thread::sleep_for(100ms);
      }
    }
  } restore{crd};

  // The API server may serve the resource for a moment after the delete.
  Result r;
  for (int i = 0; i < 50; ++i) {
    r = sparkctl({"submit", "--job", "pi", "--name", name("nocrd")});
    if (r.code != 0) break;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("the SparkApplication API (sparkoperator.k8s.io/v1beta2) is not served"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("helm install spark-operator spark-operator/spark-operator"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("kubectl apply --server-side -f"), std::string::npos) << r.err;
  Result list = sparkctl({"list"});
  EXPECT_EQ(list.code, 3);
  EXPECT_NE(list.err.find("is not served"), std::string::npos) << list.err;
}

}  // namespace
}  // namespace verbs_test
