// The SparkApplication resource (kubeflow spark-operator,
// sparkoperator.k8s.io/v1beta2) as sparkctl reads it: its metadata and a
// typed status, with the state as an enum. Rendering one is
// application_render.hpp; the operations on them are applications.hpp.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sparkctl/k8s/object_meta.hpp"

namespace sparkctl::k8s {

inline constexpr const char* spark_group = "sparkoperator.k8s.io";
inline constexpr const char* spark_operator_version = "v1beta2";
inline constexpr const char* spark_api_version = "sparkoperator.k8s.io/v1beta2";
inline constexpr const char* spark_kind = "SparkApplication";
inline constexpr const char* spark_plural = "sparkapplications";
inline constexpr const char* job_label = "sparkctl.dev/job";

// status.applicationState.state, as the operator's controller moves it.
enum class ApplicationState {
  new_,  // no state yet: the operator has not seen it
  submitted,
  running,
  pending_rerun,
  invalidating,
  succeeding,
  failing,
  completed,
  failed,
  submission_failed,
  unknown,  // the operator's UNKNOWN, or a state this sparkctl does not know
};

// The operator's spelling: "RUNNING", "SUBMISSION_FAILED"; "NEW" for new_.
std::string_view to_string(ApplicationState state);
// The state for the operator's text ("" is new_; anything unknown, unknown).
ApplicationState parse_application_state(std::string_view text);

struct ApplicationStatus {
  ApplicationState state = ApplicationState::new_;
  std::string state_text;     // as the operator wrote it (kept for states sparkctl does not know)
  std::string error_message;  // applicationState.errorMessage
  std::string submitted;      // lastSubmissionAttemptTime (RFC 3339)
  std::string terminated;     // terminationTime
  std::string driver_pod;     // driverInfo.podName
  std::string ui_service;     // driverInfo.webUIServiceName
  std::string ui_address;     // webUIIngressAddress, else webUIAddress (ClusterIP:port)
  long submission_attempts = 0;
  long execution_attempts = 0;
  std::map<std::string, std::string> executors;  // pod name -> the operator's executor state

  bool completed() const { return state == ApplicationState::completed; }
  bool failed() const {
    return state == ApplicationState::failed || state == ApplicationState::submission_failed;
  }
  bool finished() const { return completed() || failed(); }
  // "NEW", "RUNNING", ... (the operator's text for a state sparkctl does not know).
  std::string state_name() const;
  // "2 RUNNING, 1 FAILED" ("" when none).
  std::string executor_counts() const;
};

struct SparkApplication {
  ObjectMeta metadata;
  ApplicationStatus status;
  nlohmann::json object;  // as the API server returned it (for -o yaml|json and the spec)

  const std::string& name() const { return metadata.name; }
  // The compiled-in job it runs (the sparkctl.dev/job label), "" for others.
  std::string job() const { return metadata.label(job_label); }
  // spec.sparkConf[key], "" when unset.
  std::string spark_conf(const std::string& key) const;

  static SparkApplication from_json(const nlohmann::json& object);
};

}  // namespace sparkctl::k8s
