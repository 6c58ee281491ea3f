// An interactive session on the real node: `submit --job interactive`
// makes the application, its token Secret and its Service; the driver pod
// runs a Spark Connect server with two executor pods. The test queries it
// with `sparkctl shell --app` through the API server's port-forward, from
// another pod through the Service, opens its Spark UI with `sparkctl ui`,
// and `delete` removes the application, whose pods, Service and Secret the
// cluster's garbage collector then removes.
#include <curl/curl.h>

#include "node_cluster.hpp"
#include "sparkctl/k8s/connect_session.hpp"
#include "sparkctl/k8s/object_meta.hpp"
#include "sparkctl/k8s/secret_data.hpp"
#include "sparkctl/runtime/child_process.hpp"
#include "sparkctl/runtime/port.hpp"

namespace node_test {
namespace {

constexpr int driver_connect_port = 15002;

// While it lives, this machine's own connections to pods' Spark Connect
// port are refused (an nftables table of its own), as they are for a
// client outside a cluster whose pod network it cannot route to; traffic
// the API server forwards through the kubelet does not pass here.
class PodNetworkUnreachable {
 public:
  explicit PodNetworkUnreachable(const std::string& node_ip) {
    const std::string subnet = node_ip.substr(0, node_ip.rfind('.')) + ".0/24";
    ok_ = run({"add", "table", "ip", table_name}) &&
          run({"add", "chain", "ip", table_name, "out",
               "{ type filter hook output priority 0 ; }"}) &&
          run({"add", "rule", "ip", table_name, "out", "ip", "daddr", subnet, "tcp", "dport",
               std::to_string(driver_connect_port), "reject", "with", "tcp", "reset"});
  }
  ~PodNetworkUnreachable() { run({"delete", "table", "ip", table_name}); }
  bool ok() const { return ok_; }

 private:
  static constexpr const char* table_name = "sparkctl_node_test";
  static bool run(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/sbin/nft");
    return sparkctl::testing::run_command(args).exit_code == 0;
  }
  bool ok_ = false;
};

// A pod that queries the session through its Service. sparkctl sends a
// token in plain text only to a loopback address, so the pod relays its
// own 127.0.0.1:15002 to the Service's name (DNS, then kube-proxy's
// ClusterIP) and points `sparkctl shell --remote` at that.
json client_pod(const std::string& name, const std::string& image, const std::string& app) {
  const std::string service = app + "-connect." + test_namespace + ".svc.cluster.local";
  const std::string relay =
      "import socket, threading\n"
      "def pipe(a, b):\n"
      "    while (data := a.recv(65536)):\n"
      "        b.sendall(data)\n"
      "    b.shutdown(socket.SHUT_WR)\n"
      "server = socket.create_server(('127.0.0.1', 15002))\n"
      "while True:\n"
      "    client, _ = server.accept()\n"
      "    upstream = socket.create_connection(('" +
      service + "', 15002))\n" +
      "    for a, b in ((client, upstream), (upstream, client)):\n"
      "        threading.Thread(target=pipe, args=(a, b), daemon=True).start()\n";
  // With the token the query runs; without it the server refuses.
  const std::string script =
      "python3 -c \"$RELAY\" & sleep 1; "
      "sparkctl shell --remote \"sc://127.0.0.1:15002/;token=$TOKEN;use_ssl=false\" -o csv "
      "-e 'SELECT count(*) AS n FROM range(1000)' || exit 1; "
      "sparkctl shell --remote sc://127.0.0.1:15002 -e 'SELECT 1' 2>&1; "
      "echo \"anonymous: exit $?\"";
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata", {{"name", name}}},
          {"spec",
           {{"restartPolicy", "Never"},
            {"containers", json::array({{{"name", "client"},
                                         {"image", image},
                                         {"imagePullPolicy", "IfNotPresent"},
                                         {"command", json::array({"bash", "-c", script})},
                                         {"env", json::array({{{"name", "RELAY"}, {"value", relay}},
                                                              {{"name", "TOKEN"},
                                                               {"valueFrom",
                                                                {{"secretKeyRef",
                                                                  {{"name", app + "-connect"},
                                                                   {"key", "token"}}}}}}})}}})}}}};
}

// The token is random, in a Secret owned by the application, handed to the
// driver from that Secret and never printed; the Service, owned too,
// selects the driver pod on the Connect port.
void expect_session_objects(sparkctl::k8s::Client& client, const std::string& app,
                            const json& driver, const CommandResult& submit) {
  const std::string objects = app + "-connect";
  const std::string api = "/api/v1/namespaces/" + std::string(test_namespace);
  EXPECT_NE(submit.out.find("secret/" + objects + " created"), std::string::npos) << submit.out;
  EXPECT_NE(submit.out.find("service/" + objects + " created"), std::string::npos) << submit.out;
  const json secret = client.get(api + "/secrets/" + objects);
  EXPECT_TRUE(sparkctl::k8s::ObjectMeta::from_json(secret).owned_by("SparkApplication", app))
      << secret["metadata"].dump(2);
  const std::string token = sparkctl::k8s::secret_data(secret).at("token");
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(submit.out.find(token), std::string::npos);
  EXPECT_EQ(submit.err.find(token), std::string::npos);
  bool from_secret = false;
  for (const json& env : driver.value("/spec/containers/0/env"_json_pointer, json::array())) {
    if (env.value("name", "") == "SPARK_CONNECT_AUTHENTICATE_TOKEN")
      from_secret = env.value("/valueFrom/secretKeyRef"_json_pointer, json()) ==
                    json{{"name", objects}, {"key", "token"}};
  }
  EXPECT_TRUE(from_secret) << driver["spec"]["containers"][0].dump(2);

  const json service = client.get(api + "/services/" + objects);
  EXPECT_TRUE(sparkctl::k8s::ObjectMeta::from_json(service).owned_by("SparkApplication", app))
      << service["metadata"].dump(2);
  for (const auto& [key, value] : service["spec"]["selector"].items())
    EXPECT_EQ(driver["metadata"]["labels"].value(key, ""), value) << key;
  ASSERT_EQ(service["spec"]["ports"].size(), 1u);
  EXPECT_EQ(service["spec"]["ports"][0].value("port", 0), driver_connect_port);
}

TEST_F(RealNode, InteractiveSessionThroughPortForwardServiceAndUiThenDeleted) {
  const std::string app = name("session");
  const CommandResult submit =
      sparkctl({"submit", "--job", "interactive", "--name", app, "--job-args", "idle_timeout=600"});
  ASSERT_EQ(submit.exit_code, 0) << submit.out << submit.err;
  EXPECT_NE(submit.out.find("sparkctl shell --app " + app), std::string::npos) << submit.out;
  // The session is up when its driver says how to connect.
  ASSERT_TRUE(eventually(
      [&] {
        return state_of(app) == "RUNNING" &&
               sparkctl({"logs", app}).out.find("shell --app " + app) != std::string::npos;
      },
      300s))
      << "state " << state_of(app) << "\n"
      << sparkctl({"logs", app}).out;
  EXPECT_EQ(pods(app, "executor").size(), 2u);
  ASSERT_EQ(pods(app, "driver").size(), 1u);
  expect_session_objects(*client_, app, pods(app, "driver")[0], submit);
  const std::string address = "In the cluster: sc://" + app + "-connect." + test_namespace +
                              ".svc:" + std::to_string(driver_connect_port);
  EXPECT_NE(sparkctl({"logs", app}).out.find(address), std::string::npos) << address;

  {  // shell --app from this machine, through the API server's port-forward.
    PodNetworkUnreachable outside(cluster_["SPARKCTL_LOCAL_CLUSTER_NODE_IP"]);
    ASSERT_TRUE(outside.ok()) << "could not add the nftables rule";
    const CommandResult shell =
        sparkctl({"-vv", "shell", "--app", app, "-o", "csv", "-e", "SELECT 6 * 7 AS answer"});
    EXPECT_EQ(shell.exit_code, 0) << shell.err;
    EXPECT_EQ(shell.out, "answer\n42\n");
    EXPECT_NE(shell.err.find("port-forwarding through the API server"), std::string::npos)
        << shell.err;
  }

  {  // From another pod, through the Service, with the token of the Secret.
    const std::string client = app + "-client";
    client_->create(api("pods"), client_pod(client, cluster_["SPARKCTL_IMAGE"], app));
    const bool done = eventually(
        [&] {
          const std::string phase =
              client_->get(api("pods/" + client)).value("/status/phase"_json_pointer, "");
          return phase == "Succeeded" || phase == "Failed";
        },
        180s);
    const auto log = client_->request("GET", api("pods/" + client + "/log"), "", "");
    EXPECT_TRUE(done) << log.body;
    EXPECT_EQ(client_->get(api("pods/" + client)).value("/status/phase"_json_pointer, ""),
              "Succeeded")
        << log.body;
    EXPECT_NE(log.body.find("n\n1000\n"), std::string::npos) << log.body;
    EXPECT_NE(log.body.find("authentication token"), std::string::npos) << log.body;
    EXPECT_NE(log.body.find("anonymous: exit 3"), std::string::npos) << log.body;
    client_->request("DELETE", api("pods/" + client), "", "");
  }

  {  // The Spark UI of the real driver, port 4040, through `sparkctl ui`.
    std::string log;
    EXPECT_EQ(spark_ui_status(app, log), 200) << log;
  }

  // delete: the application goes at once, and the session's Service and
  // Secret with it (sparkctl deletes them, unless the cluster's garbage
  // collector was quicker); its pods (which own their services and config
  // maps) and its UI's Service go by the garbage collector.
  const CommandResult removed = sparkctl({"delete", app, "--wait", "--timeout", "120s"});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_EQ(status_of(app_path(app)), 404);
  const std::string selector = "?labelSelector=sparkoperator.k8s.io%2Fapp-name%3D" + app;
  EXPECT_TRUE(eventually(
      [&] {
        return client_->get(api("pods" + selector)).value("items", json::array()).empty() &&
               client_->get(api("services" + selector)).value("items", json::array()).empty() &&
               status_of(api("services/" + app + "-connect")) == 404 &&
               status_of(api("secrets/" + app + "-connect")) == 404;
      },
      120s))
      << client_->get(api("pods" + selector)).dump(2);
}

}  // namespace
}  // namespace node_test
