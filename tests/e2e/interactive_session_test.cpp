// Distributed interactive sessions with the real operator: `submit --job
// interactive` makes the application, its token Secret and its Service;
// the simulated kubelet runs the session's driver container here, and
// `sparkctl shell --app` runs queries on it, straight to the pod or
// through a port-forward over the API server.
#include "simulated_kubelet.hpp"
#include "sparkctl/k8s/secret_data.hpp"
#include "sparkctl/runtime/port.hpp"

namespace e2e_test {

json SimulatedKubelet::submit_session(const std::string& app, int port, CommandResult& submitted) {
  submitted = sparkctl({"submit", "--job", "interactive", "--name", app, "--set",
                        "kubernetes.connect_port=" + std::to_string(port), "--job-args",
                        "idle_timeout=600"});
  EXPECT_EQ(submitted.exit_code, 0) << submitted.err;
  if (submitted.exit_code != 0) return json();
  json pod = wait_for_driver_pod(app);
  if (!pod.is_null()) EXPECT_TRUE(reaches(app, "SUBMITTED")) << application(app).dump(2);
  return pod;
}

std::unique_ptr<sparkctl::e2e::LocalContainer> SimulatedKubelet::run_session_driver(
    const std::string& app, int port, const std::string& ip) {
  set_pod_running(app + "-driver", ip);
  EXPECT_TRUE(reaches(app, "RUNNING")) << application(app).dump(2);
  auto driver = std::make_unique<sparkctl::e2e::LocalContainer>(
      *client_, client_->get(pod_path(app + "-driver")), kDriverContainer,
      sparkctl_image(dir_ / app));
  driver->start();
  const bool listening =
      eventually([&] { return driver->wait(0s) || sparkctl::runtime::port_accepts(port); }, 240s) &&
      !driver->wait(0s);
  EXPECT_TRUE(listening) << "the driver's Connect server does not listen on " << port << "\n"
                         << driver->out() << driver->err();
  return listening ? std::move(driver) : nullptr;
}

namespace {

const json* env_named(const json& container, const std::string& name) {
  const auto env = container.find("env");
  return env == container.end() ? nullptr : find_named(*env, name);
}

// A distributed interactive session: `submit --job interactive` creates the
// application, its token Secret and its Service; the operator starts the
// driver, which the simulated kubelet runs here (the pod's IP is this
// machine's loopback); `shell --app` finds the driver from the
// application's status and runs a query on it with the token; `delete`
// removes the application, the Secret and the Service, and the kubelet
// stops the container.
TEST_F(SimulatedKubelet, InteractiveSessionServesShellAppUntilDeleted) {
  const std::string app = name("session");
  const std::string session_objects = app + "-connect";
  const int port = sparkctl::runtime::pick_free_port();
  CommandResult submitted;
  const json pod = submit_session(app, port, submitted);
  ASSERT_FALSE(pod.is_null());
  EXPECT_NE(submitted.out.find("secret/" + session_objects + " created"), std::string::npos)
      << submitted.out;
  EXPECT_NE(submitted.out.find("service/" + session_objects + " created"), std::string::npos)
      << submitted.out;
  EXPECT_NE(submitted.out.find("sparkctl shell --app " + app), std::string::npos) << submitted.out;

  // The token: random, in a Secret owned by the application, and handed to
  // the driver as the environment variable Spark reads it from.
  const std::string api = "/api/v1/namespaces/" + ns_;
  const json secret = client_->get(api + "/secrets/" + session_objects);
  EXPECT_TRUE(owned_by_application(secret, app)) << secret["metadata"].dump(2);
  const auto token = sparkctl::k8s::secret_data(secret).at("token");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(submitted.out.find(token), std::string::npos);
  EXPECT_EQ(submitted.err.find(token), std::string::npos);
  const json* container = find_named(pod["spec"]["containers"], kDriverContainer);
  ASSERT_NE(container, nullptr);
  const json* token_env = env_named(*container, "SPARK_CONNECT_AUTHENTICATE_TOKEN");
  ASSERT_NE(token_env, nullptr) << container->dump(2);
  ASSERT_TRUE(token_env->contains("/valueFrom/secretKeyRef"_json_pointer)) << token_env->dump(2);
  EXPECT_EQ(token_env->at("/valueFrom/secretKeyRef"_json_pointer),
            (json{{"name", session_objects}, {"key", "token"}}));

  // The Service selects exactly this driver pod, on the Connect port.
  const json service = client_->get(api + "/services/" + session_objects);
  EXPECT_TRUE(owned_by_application(service, app)) << service["metadata"].dump(2);
  EXPECT_TRUE(sparkctl::e2e::selects(service["spec"]["selector"], pod["metadata"]["labels"]))
      << service["spec"].dump(2) << "\npod labels: " << pod["metadata"]["labels"].dump(2);
  ASSERT_EQ(service["spec"]["ports"].size(), 1u);
  EXPECT_EQ(service["spec"]["ports"][0].value("port", 0), port);
  EXPECT_EQ(service["spec"]["ports"][0].value("targetPort", 0), port);

  // The kubelet's part: run the driver container, here.
  auto driver = run_session_driver(app, port, "127.0.0.1");
  ASSERT_TRUE(driver);

  CommandResult shell =
      sparkctl({"shell", "--app", app, "-o", "csv", "-e", "SELECT 6 * 7 AS answer"});
  EXPECT_EQ(shell.exit_code, 0) << shell.err;
  EXPECT_EQ(shell.out, "answer\n42\n");
  EXPECT_EQ(shell.err.find(token), std::string::npos);

  // Without the token the server refuses.
  CommandResult anonymous = run_sparkctl(
      {"shell", "--remote", "sc://127.0.0.1:" + std::to_string(port), "-e", "SELECT 1"});
  EXPECT_EQ(anonymous.exit_code, 3) << anonymous.err;
  EXPECT_NE(anonymous.err.find("authentication token"), std::string::npos) << anonymous.err;

  CommandResult removed = sparkctl({"delete", app});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.out.find("service/" + session_objects + " deleted"), std::string::npos)
      << removed.out;
  EXPECT_NE(removed.out.find("secret/" + session_objects + " deleted"), std::string::npos)
      << removed.out;
  for (const std::string& path :
       {app_path(app), api + "/secrets/" + session_objects, api + "/services/" + session_objects}) {
    EXPECT_EQ(client_->request("GET", path, "", "").status, 404) << path;
  }

  // The pod goes with its application: the kubelet stops the container
  // (SIGTERM), and the driver shuts its server down within the grace period.
  driver->stop(std::chrono::seconds(30));
  const auto stopped = driver->wait(0s);
  ASSERT_TRUE(stopped);
  EXPECT_NE(*stopped, 137) << "killed after the grace period\n" << driver->err();
  EXPECT_NE(driver->out().find("Spark Connect server of " + app + " is up"), std::string::npos)
      << driver->out();
  EXPECT_NE(driver->out().find("In the cluster: sc://" + session_objects + "." + ns_ +
                               ".svc:" + std::to_string(port)),
            std::string::npos)
      << driver->out();
}

// From outside the cluster the pod network is not routable (the pod's IP
// here is in TEST-NET-1), so `shell --app` port-forwards through the API
// server: sparkctl's WebSocket port-forward, the API server's proxying to
// the node's kubelet (sparkctl-test-kubelet: the streaming part of a real
// kubelet) and on to the driver's Connect port. The pod is bound to that
// node as a scheduler would (simulated).
TEST_F(SimulatedKubelet, InteractiveSessionThroughAPortForwardOverTheApiServer) {
  const std::string node = k8s_test::cluster_env("SPARKCTL_TEST_NODE");
  if (node.empty())
    GTEST_SKIP() << "the test cluster has no node (sparkctl-test-kubelet not built)";
  const std::string app = name("session-pf");
  const int port = sparkctl::runtime::pick_free_port();
  CommandResult submitted;
  ASSERT_FALSE(submit_session(app, port, submitted).is_null());
  client_->create(pod_path(app + "-driver") + "/binding",
                  {{"apiVersion", "v1"},
                   {"kind", "Binding"},
                   {"metadata", {{"name", app + "-driver"}}},
                   {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}});
  auto driver = run_session_driver(app, port, "192.0.2.10");
  ASSERT_TRUE(driver);

  CommandResult shell =
      sparkctl({"-v", "shell", "--app", app, "-o", "csv", "-e",
                "SELECT count(*) AS n FROM range(100000); SELECT 'forwarded' AS via"});
  EXPECT_EQ(shell.exit_code, 0) << shell.err;
  EXPECT_EQ(shell.out, "n\n100000\nvia\nforwarded\n");
  EXPECT_NE(shell.err.find("forwarded to 127.0.0.1:"), std::string::npos) << shell.err;

  CommandResult removed = sparkctl({"delete", app});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  driver->stop(std::chrono::seconds(30));
  EXPECT_TRUE(driver->wait(0s));
}

}  // namespace
}  // namespace e2e_test
