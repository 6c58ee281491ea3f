// Reading a SparkApplication as the API server returns it.
#include "sparkctl/k8s/spark_application.hpp"

#include <array>
#include <utility>
#include <vector>

#include "json_fields.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::k8s {

namespace {

constexpr std::array<std::pair<ApplicationState, std::string_view>, 11> state_names{{
    {ApplicationState::new_, "NEW"},
    {ApplicationState::submitted, "SUBMITTED"},
    {ApplicationState::running, "RUNNING"},
    {ApplicationState::pending_rerun, "PENDING_RERUN"},
    {ApplicationState::invalidating, "INVALIDATING"},
    {ApplicationState::succeeding, "SUCCEEDING"},
    {ApplicationState::failing, "FAILING"},
    {ApplicationState::completed, "COMPLETED"},
    {ApplicationState::failed, "FAILED"},
    {ApplicationState::submission_failed, "SUBMISSION_FAILED"},
    {ApplicationState::unknown, "UNKNOWN"},
}};

long json_number(const nlohmann::json& object, const char* key) {
  const auto& value = json_field(object, key);
  return value.is_number() ? value.get<long>() : 0;
}

}  // namespace

std::string_view to_string(ApplicationState state) {
  for (const auto& [value, name] : state_names)
    if (value == state) return name;
  return "UNKNOWN";
}

ApplicationState parse_application_state(std::string_view text) {
  if (text.empty()) return ApplicationState::new_;
  for (const auto& [value, name] : state_names)
    if (name == text) return value;
  return ApplicationState::unknown;
}

std::string ApplicationStatus::state_name() const {
  if (state == ApplicationState::unknown && !state_text.empty()) return state_text;
  return std::string(to_string(state));
}

std::string ApplicationStatus::executor_counts() const {
  std::map<std::string, int> counts;
  for (const auto& [pod, executor_state] : executors) ++counts[executor_state];
  std::vector<std::string> parts;
  for (const auto& [name, count] : counts) parts.push_back(std::to_string(count) + " " + name);
  return strings::join(parts, ", ");
}

std::string SparkApplication::spark_conf(const std::string& key) const {
  return json_text(json_object(json_object(object, "spec"), "sparkConf"), key.c_str());
}

SparkApplication SparkApplication::from_json(const nlohmann::json& object) {
  SparkApplication app;
  app.metadata = ObjectMeta::from_json(object);
  app.object = object;

  ApplicationStatus& s = app.status;
  const auto& status = json_object(object, "status");
  const auto& state = json_object(status, "applicationState");
  s.state_text = json_text(state, "state");
  s.state = parse_application_state(s.state_text);
  s.error_message = json_text(state, "errorMessage");
  s.submitted = json_text(status, "lastSubmissionAttemptTime");
  s.terminated = json_text(status, "terminationTime");
  s.submission_attempts = json_number(status, "submissionAttempts");
  s.execution_attempts = json_number(status, "executionAttempts");

  const auto& driver = json_object(status, "driverInfo");
  s.driver_pod = json_text(driver, "podName");
  s.ui_service = json_text(driver, "webUIServiceName");
  s.ui_address = json_text(driver, "webUIIngressAddress");
  if (s.ui_address.empty()) s.ui_address = json_text(driver, "webUIAddress");

  for (const auto& [pod, executor_state] : json_object(status, "executorState").items()) {
    if (executor_state.is_string()) s.executors[pod] = executor_state.get<std::string>();
  }
  return app;
}

}  // namespace sparkctl::k8s
