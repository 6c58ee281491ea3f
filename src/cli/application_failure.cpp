#include "application_failure.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "session_objects.hpp"

namespace sparkctl::cli {
namespace {

constexpr int log_lines_shown = 20;
constexpr const char* driver_container = "spark-kubernetes-driver";

std::string pods_path(const std::string& ns) { return "/api/v1/namespaces/" + ns + "/pods"; }

// The driver pod as the application's status names it, else as listed.
std::string driver_pod(const k8s::ApplicationSummary& app,
                       const std::vector<nlohmann::json>& pods) {
  if (!app.driver_pod.empty()) return app.driver_pod;
  for (const auto& pod : pods)
    if (k8s::pod_role(pod) == "driver") return pod["metadata"].value("name", "");
  return "";
}

void print_driver_log_tail(KubeSession& session, const std::string& pod) {
  if (pod.empty()) return;
  const std::string path = pods_path(session.namespace_) + "/" + pod +
                           "/log?container=" + driver_container +
                           "&tailLines=" + std::to_string(log_lines_shown);
  try {
    const auto response = session.client.request("GET", path, "", "");
    if (response.status != 200 || response.body.empty()) {
      spdlog::debug("no driver log from pod {} (HTTP {})", pod, response.status);
      return;
    }
    std::string tail = response.body;
    if (tail.back() != '\n') tail += '\n';
    std::fprintf(stderr, "--- last lines of the driver's log (pod %s) ---\n%s---\n", pod.c_str(),
                 tail.c_str());
    std::fflush(stderr);
  } catch (const Error& e) {  // unreachable now: the cause is worth more than the log
    spdlog::debug("cannot read the driver's log: {}", e.what());
  }
}

void delete_application(KubeSession& session, const std::string& name) {
  const auto response =
      session.client.request("DELETE", k8s::application_path(session.namespace_, name), "", "");
  if (response.status != 404 && (response.status < 200 || response.status >= 300)) {
    spdlog::warn("--delete-on-failure: cannot delete SparkApplication {} (HTTP {})", name,
                 response.status);
    return;
  }
  delete_session_objects(session, name);
  spdlog::info("deleted SparkApplication {} (--delete-on-failure)", name);
}

}  // namespace

std::vector<nlohmann::json> application_pods(KubeSession& session, const std::string& name) {
  const std::string path =
      pods_path(session.namespace_) + "?labelSelector=sparkoperator.k8s.io%2Fapp-name%3D" + name;
  const auto response = session.client.request("GET", path, "", "");
  if (response.status != 200) {
    spdlog::debug("cannot list the pods of {} (HTTP {}): no diagnosis from pods", name,
                  response.status);
    return {};
  }
  std::vector<nlohmann::json> pods;
  for (const auto& pod : response.json().value("items", nlohmann::json::array()))
    pods.push_back(pod);
  return pods;
}

std::vector<k8s::PodProblem> ended_problems(const std::vector<nlohmann::json>& pods) {
  std::vector<k8s::PodProblem> problems;
  for (const auto& pod : pods)
    if (auto problem = k8s::pod_problem(pod); problem && !problem->pending())
      problems.push_back(*problem);
  return problems;
}

Error application_failed(KubeSession& session, const k8s::ApplicationSummary& app,
                         const std::string& verdict, bool delete_on_failure) {
  print_driver_log_tail(session, driver_pod(app, application_pods(session, app.name)));
  if (delete_on_failure) delete_application(session, app.name);
  return Error::job("SparkApplication \"" + app.name + "\" " + verdict);
}

}  // namespace sparkctl::cli
