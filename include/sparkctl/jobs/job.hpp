// The job interface. A job is a module in jobs/ that declares its typed
// arguments and an execute() function; registering it touches only its own
// file and one line in jobs/registry.cpp.
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

// What a running job may use. The Spark session is made on first use, so
// jobs that never touch Spark (or fail validation first) start nothing.
class JobContext {
 public:
  using SessionProvider = std::function<connect::Session&()>;

  JobContext(std::string job_name, const config::Config& config, SessionProvider spark,
             std::ostream& out);

  const std::string& job_name() const { return job_name_; }
  const config::Config& config() const { return config_; }

  // The job's own arguments (config key jobs.<job>.<name>).
  const std::string& arg_string(const std::string& name) const;
  std::int64_t arg_int(const std::string& name) const;
  bool arg_bool(const std::string& name) const;

  connect::Session& spark() const { return spark_(); }
  // Results for the user go here (stdout); diagnostics go to spdlog (stderr).
  std::ostream& out() const { return out_; }

  // Non-null in a driver pod (see DriverPod); set by the entrypoint.
  const DriverPod* driver_pod() const { return driver_pod_; }
  void set_driver_pod(const DriverPod* pod) { driver_pod_ = pod; }

 private:
  std::string job_name_;
  const config::Config& config_;
  SessionProvider spark_;
  std::ostream& out_;
  const DriverPod* driver_pod_ = nullptr;
};

struct Job {
  std::string name;
  std::string summary;  // one line for `sparkctl jobs`
  // Argument items with keys relative to the job ("partitions"); the
  // schema registers them as jobs.<name>.<key>.
  std::vector<config::Item> args;
  // Returns the process exit code (0 ok, 1 failed); throws sparkctl::Error
  // for failures with a message.
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

}  // namespace sparkctl::jobs
