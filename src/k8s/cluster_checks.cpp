// The checks that only read the API (the ones that start pods are in
// probe_pod.cpp). Each turns what the API server says into one line and a
// fix; none throws for a failed check, only for what is not a check
// result at all.
#include "sparkctl/k8s/cluster_checks.hpp"

#include "probe_pod.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/pod_diagnosis.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;

const char* install_operator =
    "install the kubeflow spark-operator with its Helm chart: helm install spark-operator "
    "spark-operator/spark-operator --namespace spark-operator --create-namespace";

CheckResult result(const std::string& name, bool ok, std::string detail, std::string fix = "") {
  return {name, ok, std::move(detail), ok ? "" : std::move(fix)};
}

// A request that may fail to reach the server: the answer, or a failed
// check saying why.
std::optional<Response> ask(Client& client, const std::string& method, const std::string& path,
                            const json& body, CheckResult& failure) {
  try {
    return client.request(method, path, body.is_null() ? "" : body.dump(), "application/json");
  } catch (const Error& e) {
    failure.detail = e.what();
    return std::nullopt;
  }
}

CheckResult api_server(Client& client) {
  CheckResult failed = result("api-server", false, "", "");
  failed.fix = "is the cluster up, and are kubernetes.kubeconfig / --context the right ones?";
  const auto answer = ask(client, "GET", "/version", nullptr, failed);
  if (!answer) return failed;
  if (answer->status == 401 || answer->status == 403)
    return result(
        "api-server", false,
        client.server() + " refuses the credentials (" + std::to_string(answer->status) + ")",
        "renew the kubeconfig user's credentials (token or certificate)");
  if (answer->status != 200)
    return result("api-server", false,
                  client.server() + " answers /version with " + std::to_string(answer->status),
                  failed.fix);
  return result("api-server", true,
                "API server " + client.server() + " answers: Kubernetes " +
                    answer->json().value("gitVersion", "?"));
}

CheckResult whoami(Client& client) {
  CheckResult failed = result("whoami", false, "", "check the kubeconfig user");
  const json review = {{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "SelfSubjectReview"}};
  const auto answer =
      ask(client, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", review, failed);
  if (!answer) return failed;
  if (answer->status == 404)
    return result("whoami", true, "user unknown (SelfSubjectReview needs Kubernetes 1.28+)");
  if (answer->status != 201 && answer->status != 200)
    return result("whoami", false, "SelfSubjectReview answered " + std::to_string(answer->status),
                  failed.fix);
  const json user =
      answer->json().value("status", json::object()).value("userInfo", json::object());
  std::vector<std::string> groups = user.value("groups", std::vector<std::string>{});
  return result("whoami", true,
                "you are " + user.value("username", "?") +
                    (groups.empty() ? "" : " (groups " + strings::join(groups, ", ") + ")"));
}

CheckResult namespace_exists(Client& client, const std::string& ns) {
  CheckResult failed = result("namespace", false, "", "sparkctl init -n " + ns);
  const auto answer = ask(client, "GET", "/api/v1/namespaces/" + ns, nullptr, failed);
  if (!answer) return failed;
  if (answer->status == 404)
    return result("namespace", false, "namespace " + ns + " does not exist", failed.fix);
  if (answer->status == 403)
    return result("namespace", true, "namespace " + ns + " (not allowed to read it; assumed)");
  const std::string phase =
      answer->json().value("status", json::object()).value("phase", std::string("Active"));
  if (phase != "Active")
    return result("namespace", false, "namespace " + ns + " is " + phase,
                  "choose another with -n or kubernetes.namespace");
  return result("namespace", true, "namespace " + ns + " exists");
}

CheckResult operator_apis(Client& client) {
  CheckResult failed = result("operator-apis", false, "", install_operator);
  const auto answer =
      ask(client, "GET", std::string("/apis/") + spark_api_version, nullptr, failed);
  if (!answer) return failed;
  std::vector<std::string> served;
  if (answer->status == 200)
    for (const auto& resource : answer->json().value("resources", json::array()))
      served.push_back(resource.value("name", ""));
  std::vector<std::string> missing;
  for (const char* wanted : {"sparkapplications", "scheduledsparkapplications"})
    if (std::find(served.begin(), served.end(), wanted) == served.end()) missing.push_back(wanted);
  if (!missing.empty())
    return result(
        "operator-apis", false,
        std::string(spark_api_version) + " does not serve " + strings::join(missing, ", "),
        failed.fix);
  return result("operator-apis", true,
                std::string("SparkApplication and ScheduledSparkApplication ") + spark_api_version +
                    " are served");
}

bool ready(const json& pod) {
  for (const auto& condition :
       pod.value("status", json::object()).value("conditions", json::array()))
    if (condition.value("type", "") == "Ready") return condition.value("status", "") == "True";
  return false;
}

// Why no pod of the operator's component runs when its Deployment exists:
// scaled to zero, or its pods not made ("ns/name wants 1 replica, has 0
// ready"); the fix says how to get it running again. nullopt: no
// Deployment to blame (not installed, or not allowed to list them).
std::optional<CheckResult> operator_deployment(Client& client, const std::string& name,
                                               const std::string& component) {
  CheckResult unused;
  const auto answer = ask(client, "GET",
                          "/apis/apps/v1/deployments?labelSelector=app.kubernetes.io%2Fname%3D"
                          "spark-operator%2Capp.kubernetes.io%2Fcomponent%3D" +
                              component,
                          nullptr, unused);
  if (!answer || answer->status != 200) return std::nullopt;
  for (const auto& deployment : answer->json().value("items", json::array())) {
    const json& meta = deployment["metadata"];
    const std::string ns = meta.value("namespace", ""), where = ns + "/" + meta.value("name", "");
    const int replicas = deployment.value("spec", json::object()).value("replicas", 1);
    const int ready = deployment.value("status", json::object()).value("readyReplicas", 0);
    if (replicas == 0)
      return result(
          name, false,
          "spark-operator " + component + ": Deployment " + where + " is scaled to 0 replicas",
          "kubectl -n " + ns + " scale deployment " + meta.value("name", "") + " --replicas=1");
    return result(name, false,
                  "spark-operator " + component + ": Deployment " + where + " wants " +
                      std::to_string(replicas) + " replica(s), " + std::to_string(ready) +
                      " ready and no pod of it runs",
                  "kubectl -n " + ns + " describe deployment " + meta.value("name", "") +
                      " (its events say why no pod is made)");
  }
  return std::nullopt;
}

// The Helm chart's pods: app.kubernetes.io/name=spark-operator and
// app.kubernetes.io/component=controller|webhook, in any namespace. A pod
// being deleted (its Deployment scaled down) does not count.
CheckResult operator_pods(Client& client, const std::string& component) {
  const std::string name = "operator-" + component;
  const std::string selector =
      "app.kubernetes.io/name=spark-operator,app.kubernetes.io/component=" + component;
  CheckResult failed = result(name, false, "", install_operator);
  const auto answer = ask(client, "GET",
                          "/api/v1/pods?labelSelector=app.kubernetes.io%2Fname%3Dspark-operator%2C"
                          "app.kubernetes.io%2Fcomponent%3D" +
                              component,
                          nullptr, failed);
  if (!answer) return failed;
  if (answer->status == 403)
    return result(name, false, "not allowed to list pods in all namespaces to find it",
                  "ask an admin: kubectl get pods -A -l " + selector);
  const auto pods = answer->status == 200 ? answer->json().value("items", json::array()) : json();
  std::vector<std::string> not_ready;
  for (const auto& pod : pods) {
    if (pod["metadata"].contains("deletionTimestamp")) continue;
    const std::string where =
        pod["metadata"].value("namespace", "") + "/" + pod["metadata"].value("name", "");
    if (ready(pod))
      return result(name, true, "spark-operator " + component + " " + where + " is ready");
    const auto problem = pod_problem(pod);
    not_ready.push_back(
        where + " (" +
        (problem ? describe(*problem) : pod.value("status", json::object()).value("phase", "?")) +
        ")");
  }
  if (!not_ready.empty())
    return result(name, false,
                  "spark-operator " + component + " not ready: " + strings::join(not_ready, "; "),
                  "kubectl describe pod -n <namespace> <pod>; kubectl logs the same");
  if (auto deployment = operator_deployment(client, name, component)) return *deployment;
  return result(name, false,
                "no spark-operator " + component + " pod (label " + selector + ") in any namespace",
                component == "webhook" ? std::string(install_operator) + " with webhook.enable=true"
                                       : install_operator);
}

// SelfSubjectAccessReview: may the current user do this?
bool allowed(Client& client, const std::string& ns, const std::string& verb,
             const std::string& resource) {
  const auto slash = resource.find('/');
  const std::string plural = resource.substr(0, resource.find_first_of("./"));
  const std::string group = resource.find(spark_group) != std::string::npos ? spark_group : "";
  json attributes = {{"namespace", ns}, {"verb", verb}, {"group", group}, {"resource", plural}};
  if (slash != std::string::npos) attributes["subresource"] = resource.substr(slash + 1);
  const json review = {{"apiVersion", "authorization.k8s.io/v1"},
                       {"kind", "SelfSubjectAccessReview"},
                       {"spec", {{"resourceAttributes", attributes}}}};
  const auto answer =
      client.request("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                     review.dump(), "application/json");
  if (answer.status != 201 && answer.status != 200) return false;
  return answer.json().value("status", json::object()).value("allowed", false);
}

CheckResult verbs(Client& client, const std::string& ns) {
  std::vector<std::string> denied;
  try {
    for (const auto& [verb, resource] : needed_verbs())
      if (!allowed(client, ns, verb, resource)) denied.push_back(verb + " " + resource);
  } catch (const Error& e) {
    return result("verbs", false, e.what(), "is the API server reachable?");
  }
  if (!denied.empty())
    return result("verbs", false,
                  "not allowed in namespace " + ns + ": " + strings::join(denied, ", "),
                  "ask an admin for a Role with these verbs in " + ns);
  return result("verbs", true,
                "allowed in namespace " + ns + ": all " + std::to_string(needed_verbs().size()) +
                    " verbs sparkctl uses");
}

CheckResult service_account(Client& client, const std::string& ns, const std::string& account) {
  const std::string fix = "sparkctl init -n " + ns;
  CheckResult failed = result("service-account", false, "", fix);
  const auto answer = ask(client, "GET", "/api/v1/namespaces/" + ns + "/serviceaccounts/" + account,
                          nullptr, failed);
  if (!answer) return failed;
  if (answer->status == 404)
    return result("service-account", false,
                  "service account " + account + " does not exist in " + ns, fix);
  if (answer->status != 200)
    return result("service-account", false,
                  "cannot check service account " + account + ": reading it answered " +
                      std::to_string(answer->status),
                  "ask an admin: kubectl -n " + ns + " get serviceaccount " + account);
  const std::string user = "system:serviceaccount:" + ns + ":" + account;
  const json review = {
      {"apiVersion", "authorization.k8s.io/v1"},
      {"kind", "SubjectAccessReview"},
      {"spec",
       {{"user", user},
        {"groups",
         {"system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"}},
        {"resourceAttributes", {{"namespace", ns}, {"verb", "create"}, {"resource", "pods"}}}}}};
  const auto access =
      ask(client, "POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", review, failed);
  if (!access) return failed;
  if (access->status == 403)
    return result("service-account", true,
                  "service account " + account +
                      " exists (not allowed to check its rights: ask "
                      "an admin for `kubectl auth can-i create pods --as " +
                      user + " -n " + ns + "`)");
  if (!access->json().value("status", json::object()).value("allowed", false))
    return result("service-account", false,
                  "service account " + account + " may not create executor pods in " + ns, fix);
  return result("service-account", true,
                "service account " + account + " exists and may create executor pods");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> needed_verbs() {
  const std::string apps = std::string(spark_plural) + "." + spark_group;
  const std::string schedules = std::string("scheduledsparkapplications.") + spark_group;
  return {{"create", apps},
          {"get", apps},
          {"list", apps},
          {"watch", apps},
          {"delete", apps},
          {"create", schedules},
          {"patch", schedules},
          {"list", schedules},
          {"delete", schedules},
          {"get", "pods"},
          {"list", "pods"},
          {"get", "pods/log"},
          {"create", "pods/portforward"},
          {"list", "events"},
          {"create", "secrets"},
          {"get", "secrets"},
          {"create", "services"},
          {"delete", "services"}};
}

std::vector<CheckResult> run_cluster_checks(
    Cluster& cluster, const CheckOptions& options,
    const std::function<void(const CheckResult&)>& on_result) {
  Client& client = cluster.client();
  std::vector<CheckResult> results;
  auto record = [&](CheckResult r) {
    on_result(r);
    results.push_back(std::move(r));
    return results.back().ok;
  };
  if (!record(api_server(client))) return results;  // nothing else can be asked
  record(whoami(client));
  const bool namespace_ok = record(namespace_exists(client, options.namespace_));
  record(operator_apis(client));
  record(operator_pods(client, "controller"));
  record(operator_pods(client, "webhook"));
  record(verbs(client, options.namespace_));
  record(service_account(client, options.namespace_, options.service_account));
  if (!options.start_pods || !namespace_ok) return results;
  record(dns_check(client, options));
  if (options.check_image) record(image_check(client, options));
  return results;
}

}  // namespace sparkctl::k8s
