// The SparkApplication resource (kubeflow spark-operator,
// sparkoperator.k8s.io/v1beta2): rendering one from the configuration,
// its API paths, and a flat summary of its status for the verbs.
//
// The driver runs the image's entrypoint (sparkctl), which starts the
// Spark Connect server in the driver pod and runs the job against it, so
// the application's main class is Spark's own Connect server and its
// arguments are sparkctl's `--job NAME --job-args k=v ...`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace sparkctl::k8s {

inline constexpr const char* spark_group = "sparkoperator.k8s.io";
inline constexpr const char* spark_operator_version = "v1beta2";
inline constexpr const char* spark_api_version = "sparkoperator.k8s.io/v1beta2";
inline constexpr const char* spark_kind = "SparkApplication";
inline constexpr const char* spark_plural = "sparkapplications";
inline constexpr const char* job_label = "sparkctl.dev/job";
// The driver's main class comes from core/driver_classes.hpp.

// /apis/sparkoperator.k8s.io/v1beta2/namespaces/<ns>/sparkapplications[/<name>]
std::string applications_path(const std::string& ns);
std::string application_path(const std::string& ns, const std::string& name);

struct RenderRequest {
  std::string job;   // a compiled-in job (its args are read from jobs.<job>.*)
  std::string name;  // metadata.name
  std::string namespace_;
  // The driver serves Spark Connect sessions (connect_session.hpp): it
  // binds kubernetes.connect_port on the pod's IP and needs a token.
  bool serves_sessions = false;
};

// kubernetes.labels plus the job label: on the SparkApplication, its pods
// and what sparkctl creates next to it.
nlohmann::ordered_json render_labels(const config::Config& config, const std::string& job);

// The SparkApplication for `request` under `config`, with keys in a fixed
// order (ordered_json) so rendered YAML diffs cleanly. Throws Error::usage
// for a volume spec it cannot map.
nlohmann::ordered_json render_application(const config::Config& config,
                                          const RenderRequest& request);

// The job name as a name: lower-cased, '_' -> '-', at most 35 chars, so
// generate_name's result stays a DNS-1035 label with room for the
// operator's "-ui-svc" suffix. `render`'s default name.
std::string name_prefix(const std::string& job);
// `<name_prefix>-<yyyymmdd-hhmmss>-<4 random [a-z0-9]>` (UTC): `submit`'s default name.
std::string generate_name(const std::string& job);
// Throws Error::usage unless `name` is a DNS-1035 label of at most 63 chars.
void validate_name(const std::string& name);

// What the verbs show of an application's status.
struct ApplicationSummary {
  std::string name, namespace_, job;
  std::string state;          // "" until the operator has seen it (shown as NEW)
  std::string error_message;  // status.applicationState.errorMessage
  std::string created;        // metadata.creationTimestamp (RFC 3339)
  std::string submitted;      // status.lastSubmissionAttemptTime
  std::string terminated;     // status.terminationTime
  std::string driver_pod;
  std::string ui_service;  // status.driverInfo.webUIServiceName
  std::string ui_address;  // webUIAddress (ClusterIP:port) or the ingress address
  long submission_attempts = 0;
  long execution_attempts = 0;
  std::map<std::string, std::string> executors;  // pod name -> state

  std::string state_or_new() const { return state.empty() ? "NEW" : state; }
  bool completed() const { return state == "COMPLETED"; }
  bool failed() const { return state == "FAILED" || state == "SUBMISSION_FAILED"; }
  bool finished() const { return completed() || failed(); }
  // "2 RUNNING, 1 FAILED" ("" when none).
  std::string executor_counts() const;
};

ApplicationSummary summarize(const nlohmann::json& application);

}  // namespace sparkctl::k8s
