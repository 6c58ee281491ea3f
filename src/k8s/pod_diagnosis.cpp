#include "sparkctl/k8s/pod_diagnosis.hpp"

#include <regex>
#include <sstream>

#include "json_fields.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;

// Kubelet and scheduler messages may span lines; the cause is one.
std::string one_line(std::string message) {
  for (char& c : message)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  while (!message.empty() && message.back() == ' ') message.pop_back();
  constexpr std::size_t longest = 400;
  if (message.size() > longest) message = message.substr(0, longest) + "...";
  return message;
}

std::vector<json> container_statuses(const json& status) {
  std::vector<json> all;
  for (const char* key : {"initContainerStatuses", "containerStatuses"})
    for (const auto& container : json_field(status, key))
      if (container.is_object()) all.push_back(container);
  return all;
}

std::string memory_limit(const json& pod, const std::string& container) {
  for (const auto& spec : json_field(json_field(pod, "spec"), "containers"))
    if (json_text(spec, "name") == container)
      return json_text(json_field(json_field(spec, "resources"), "limits"), "memory");
  return "";
}

bool image_error(const std::string& reason) {
  return reason == "ErrImagePull" || reason == "ImagePullBackOff" ||
         reason == "ErrImageNeverPull" || reason == "InvalidImageName";
}

PodProblem problem(PodProblemKind kind, const json& pod, std::string detail) {
  PodProblem p;
  p.kind = kind;
  p.pod = json_text(json_field(pod, "metadata"), "name");
  p.role = pod_role(pod);
  p.detail = one_line(std::move(detail));
  return p;
}

std::optional<PodProblem> oom_kill(const json& pod, const std::vector<json>& containers) {
  for (const auto& container : containers) {
    for (const char* when : {"state", "lastState"}) {
      const json& terminated = json_field(json_field(container, when), "terminated");
      if (json_text(terminated, "reason") != "OOMKilled") continue;
      const std::string name = json_text(container, "name");
      const std::string limit = memory_limit(pod, name);
      auto p = problem(PodProblemKind::oom_killed, pod,
                       "container " + name + " used more than its memory limit" +
                           (limit.empty() ? "" : " " + limit));
      p.exit_code =
          json_field(terminated, "exitCode").is_number() ? terminated["exitCode"].get<int>() : 137;
      return p;
    }
  }
  return std::nullopt;
}

std::optional<PodProblem> waiting_problem(const json& pod, const std::vector<json>& containers) {
  for (const auto& container : containers) {
    const json& waiting = json_field(json_field(container, "state"), "waiting");
    const std::string reason = json_text(waiting, "reason");
    const std::string message = json_text(waiting, "message");
    const std::string detail = message.empty() ? reason : reason + ": " + message;
    if (image_error(reason)) {
      auto p = problem(PodProblemKind::image, pod, detail);
      // A registry may come back; a missing local image or a bad name never heals.
      p.may_heal = reason == "ErrImagePull" || reason == "ImagePullBackOff";
      return p;
    }
    if (reason == "CreateContainerConfigError") {
      auto p = problem(PodProblemKind::config, pod, detail);
      p.may_heal = true;  // the Secret or ConfigMap may still be created
      return p;
    }
  }
  return std::nullopt;
}

std::optional<PodProblem> unschedulable(const json& pod) {
  for (const auto& condition : json_field(json_field(pod, "status"), "conditions")) {
    if (json_text(condition, "type") == "PodScheduled" &&
        json_text(condition, "status") == "False" &&
        json_text(condition, "reason") == "Unschedulable") {
      auto p = problem(PodProblemKind::unschedulable, pod, json_text(condition, "message"));
      p.may_heal = true;  // pods may end, nodes may be added
      return p;
    }
  }
  return std::nullopt;
}

std::optional<PodProblem> nonzero_exit(const json& pod, const std::vector<json>& containers) {
  for (const auto& container : containers) {
    const json& terminated = json_field(json_field(container, "state"), "terminated");
    const json& code = json_field(terminated, "exitCode");
    if (!code.is_number() || code.get<int>() == 0) continue;
    const std::string reason = json_text(terminated, "reason");
    auto p =
        problem(PodProblemKind::failed, pod,
                "container " + json_text(container, "name") + " exited with code " +
                    std::to_string(code.get<int>()) + (reason.empty() ? "" : " (" + reason + ")"));
    p.exit_code = code.get<int>();
    return p;
  }
  return std::nullopt;
}

// What an exit code of sparkctl's entrypoint (docs/entrypoint.md), or of
// any process killed by a signal, means.
std::string exit_meaning(int code, bool sparkctl_job) {
  if (sparkctl_job) {
    switch (code) {
      case 1:
        return "the job failed";
      case 2:
        return "bad job arguments";
      case 3:
        return "the Spark Connect server died or did not start";
      case 130:
        return "stopped by SIGTERM";
      default:
        break;
    }
  }
  if (code == 137) return "killed by SIGKILL";
  if (code == 143) return "stopped by SIGTERM";
  if (code > 128 && code < 160) return "killed by signal " + std::to_string(code - 128);
  return "";
}

// The operator's message for a failed spark-submit carries all its output:
// warnings, then the exception and its stack. The line that says what went
// wrong is the exception's (its Kubernetes "Message: ...", when it has
// one) or spark-submit's own "Error: ...".
std::optional<std::string> spark_submit_error(const std::string& message) {
  if (message.find("spark-submit") == std::string::npos) return std::nullopt;
  std::istringstream lines(message);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Error: ", 0) == 0) return "spark-submit failed: " + line.substr(7);
    const std::string thread = "Exception in thread \"main\" ";
    if (line.rfind(thread, 0) != 0) continue;
    line = line.substr(thread.size());
    if (const auto at = line.find(". Message: "); at != std::string::npos) {
      line = line.substr(at + 11);
      if (const auto end = line.find(". Received status:"); end != std::string::npos)
        line = line.substr(0, end);
    } else if (const auto colon = line.find(": "), dot = line.rfind('.', colon);
               colon != std::string::npos && dot != std::string::npos) {
      line = line.substr(dot + 1);  // org.apache.spark.SparkException: ... -> SparkException: ...
    }
    return "spark-submit failed: " + line;
  }
  return std::nullopt;
}

std::string the(const PodProblem& p) {
  return p.role.empty() ? "pod " + p.pod : "the " + p.role + " pod " + p.pod;
}

const PodProblem* first(const std::vector<PodProblem>& problems, PodProblemKind kind,
                        const std::string& role) {
  for (const auto& p : problems)
    if (p.kind == kind && p.role == role) return &p;
  return nullptr;
}

}  // namespace

std::string pod_role(const json& pod) {
  return json_text(json_field(json_field(pod, "metadata"), "labels"), "spark-role");
}

std::optional<PodProblem> pod_problem(const json& pod) {
  const json& status = json_field(pod, "status");
  if (json_text(status, "reason") == "Evicted") {
    const std::string message = json_text(status, "message");
    return problem(PodProblemKind::evicted, pod, message.empty() ? "evicted" : message);
  }
  const auto containers = container_statuses(status);
  if (auto p = oom_kill(pod, containers)) return p;
  if (auto p = waiting_problem(pod, containers)) return p;
  if (auto p = unschedulable(pod)) return p;
  return nonzero_exit(pod, containers);
}

std::string describe(const PodProblem& p) {
  switch (p.kind) {
    case PodProblemKind::oom_killed:
      return the(p) + " was OOMKilled: " + p.detail + " (raise kubernetes." +
             (p.role.empty() ? std::string("driver") : p.role) +
             ".memory_overhead or memory_limit)";
    case PodProblemKind::evicted:
      return the(p) + " was evicted: " + p.detail;
    case PodProblemKind::image:
      return the(p) + " cannot get its image: " + p.detail;
    case PodProblemKind::config:
      return the(p) + " cannot start its container: " + p.detail;
    case PodProblemKind::unschedulable:
      return the(p) + " cannot be scheduled: " + p.detail;
    case PodProblemKind::failed:
      return the(p) + ": " + p.detail;
  }
  return p.detail;
}

std::string failure_cause(const SparkApplication& app, const std::vector<PodProblem>& problems,
                          bool sparkctl_job) {
  // What killed a pod explains the exit codes that follow from it: an
  // executor's OOM kill is why its driver then failed.
  for (const auto& [kind, role] : std::vector<std::pair<PodProblemKind, std::string>>{
           {PodProblemKind::oom_killed, "driver"},
           {PodProblemKind::evicted, "driver"},
           {PodProblemKind::oom_killed, "executor"},
           {PodProblemKind::evicted, "executor"},
           {PodProblemKind::image, "driver"},
           {PodProblemKind::config, "driver"},
           {PodProblemKind::unschedulable, "driver"}}) {
    if (const auto* p = first(problems, kind, role)) return describe(*p);
  }
  int code = 0;
  if (const auto* p = first(problems, PodProblemKind::failed, "driver")) code = p->exit_code;
  static const std::regex operator_exit(R"(ExitCode: (-?[0-9]+))");
  std::smatch match;
  if (code == 0 && std::regex_search(app.status.error_message, match, operator_exit))
    code = std::stoi(match[1]);
  if (code != 0) {
    const std::string meaning = exit_meaning(code, sparkctl_job);
    return "the driver exited with code " + std::to_string(code) +
           (meaning.empty() ? "" : " (" + meaning + ")");
  }
  if (const auto submit = spark_submit_error(app.status.error_message)) return one_line(*submit);
  if (!app.status.error_message.empty()) return one_line(app.status.error_message);
  return "no cause recorded (state " + app.status.state_name() + ")";
}

}  // namespace sparkctl::k8s
