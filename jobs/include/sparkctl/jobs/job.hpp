// The job interface. A job is a C++ file that declares its typed arguments
// and an execute() function and registers itself with one static
// JobRegistration, so adding a job touches no file of sparkctl: it can live
// in jobs/ or in a folder of its own named by the build option
// SPARKCTL_JOB_DIRS (docs/jobs.md).
//
//   namespace {
//   int run(sparkctl::jobs::JobContext& context) { ...; return 0; }
//   const sparkctl::jobs::JobRegistration registration([] {
//     sparkctl::jobs::Job job;
//     job.name = "my_job";
//     job.summary = "what it does, in one line";
//     job.args = {sparkctl::jobs::integer_arg("days", 7, 1, 365, "how far back to look")};
//     job.execute = run;
//     return job;
//   }());
//   }  // namespace
#pragma once

#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/config/item.hpp"

namespace sparkctl::connect {
class Session;
}

namespace sparkctl::jobs {

// Set when the job runs in a SparkApplication's driver pod under
// `sparkctl entrypoint` (docs/entrypoint.md): the Spark Connect server is
// the pod's own and stops when the job returns.
struct DriverPod {
  std::string app_name;  // the SparkApplication's name (spark.app.name)
  std::string remote;    // the server as seen from the pod: sc://127.0.0.1:PORT
  int port = 0;
  // Where clients in the cluster reach the server (host:port of its
  // Service), "" when the application has none (k8s/connect_session.hpp).
  std::string service_address;
  // Blocks until Spark has been idle for `timeout` (no job running and
  // none finished within it); throws sparkctl::Error if the server dies.
  std::function<void(std::chrono::seconds timeout)> wait_until_idle;
};

// Where a job talks to the user: results to `out`, messages for people to
// `err` (diagnostics go to spdlog), and what the user types from `in`
// (the interactive job's SQL shell), `terminal` when that is the process's
// own terminal.
struct JobStreams {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  bool terminal = false;
};

// What a running job may use. The Spark session is made on first use, so
// jobs that never touch Spark (or fail validation first) start nothing.
class JobContext {
 public:
  using SessionProvider = std::function<connect::Session&()>;

  JobContext(std::string job_name, const config::Config& config, SessionProvider spark,
             JobStreams io);

  const std::string& job_name() const { return job_name_; }
  const config::Config& config() const { return config_; }

  // The job's own arguments (config key jobs.<job>.<name>).
  const std::string& arg_string(const std::string& name) const;
  std::int64_t arg_int(const std::string& name) const;
  bool arg_bool(const std::string& name) const;                      // a boolean_arg
  std::chrono::seconds arg_duration(const std::string& name) const;  // a duration_arg

  connect::Session& spark() const { return spark_(); }
  // Results for the user go here (stdout); diagnostics go to spdlog (stderr).
  std::ostream& out() const { return io_.out; }
  const JobStreams& streams() const { return io_; }

  // Non-null in a driver pod (see DriverPod); set by the entrypoint.
  const DriverPod* driver_pod() const { return driver_pod_; }
  void set_driver_pod(const DriverPod* pod) { driver_pod_ = pod; }

 private:
  std::string job_name_;
  const config::Config& config_;
  SessionProvider spark_;
  JobStreams io_;
  const DriverPod* driver_pod_ = nullptr;
};

struct Job {
  std::string name;
  std::string summary;  // one line for `sparkctl jobs`
  // Argument items with keys relative to the job ("partitions"); the
  // schema registers them as jobs.<name>.<key>.
  std::vector<config::Item> args;
  // Returns 0 when the job succeeded, anything else when it failed and has
  // said why; throws sparkctl::Error for a failure with a message. The
  // CLI's top level picks the exit code (README.md).
  std::function<int(JobContext&)> execute;
  // Jars the Spark server must be started with for this config (e.g. the
  // s3a connector when the input is on S3); may be unset.
  std::function<std::vector<std::string>(const config::Config&)> server_jars;
  // True for jobs that give Ctrl-C a meaning of their own (the shell
  // cancels a statement and goes on); `run` then leaves SIGINT to them.
  bool handles_interrupts = false;
  // True for jobs whose driver, on the cluster, serves Spark Connect
  // sessions to `sparkctl shell --app`: `render`/`submit` add a Service
  // and `submit` a token Secret (k8s/connect_session.hpp).
  bool serves_sessions = false;
};

// Declaring arguments, one line each.
config::Item integer_arg(std::string name, std::int64_t default_value, std::int64_t min,
                         std::int64_t max, std::string help);
config::Item string_arg(std::string name, std::string default_value, std::string help);
// true/false on the command line (also yes/no, on/off, 1/0).
config::Item boolean_arg(std::string name, bool default_value, std::string help);
config::Item choice_arg(std::string name, std::string default_value,
                        std::vector<std::string> choices, std::string help);
// A time span such as 90, 90s, 5m or 1h30m; min and max in seconds.
config::Item duration_arg(std::string name, std::string default_value, std::int64_t min,
                          std::int64_t max, std::string help);

// Adds a job to the registry (sparkctl/jobs/registry.hpp); make one
// static instance per job. Two jobs of one name are an error (exit 2) as
// soon as sparkctl looks a job up.
class JobRegistration {
 public:
  explicit JobRegistration(Job job);
};

}  // namespace sparkctl::jobs
