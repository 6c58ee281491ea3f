// The driver pod's half of `sparkctl entrypoint` (docs/entrypoint.md).
// Spark on Kubernetes starts the driver container with
//   driver --properties-file F --class C RESOURCE APP_ARGS...
// (spark-submit's shape). sparkctl takes its own `--job ...` out of
// APP_ARGS and starts the Spark Connect server as the driver with the rest
// (spark-submit in client mode, as for any driver pod: spark_roles.hpp), so
// every property the operator set still applies.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/local_server.hpp"

namespace sparkctl::runtime {

// The arguments after `driver`, split where spark-submit splits them.
struct DriverCommand {
  std::vector<std::string> submit_options;  // --properties-file F, --class C, --conf k=v, ...
  std::string primary_resource;             // "spark-internal", "local:///.../x.jar"
  std::vector<std::string> app_args;        // after the primary resource
  // The Spark properties they set: the --properties-file first, then each
  // --conf (later wins), as spark-submit resolves them.
  std::map<std::string, std::string> properties;

  // A property, or `fallback` when it is not set.
  std::string property(const std::string& key, const std::string& fallback = "") const;
};

// Throws Error::usage for an option without its value, a missing primary
// resource or an unreadable properties file.
DriverCommand parse_driver_command(const std::vector<std::string>& args);

// A Java properties file (key=value, key: value, key value; # and ! start
// comments; backslash escapes and continuation lines). Throws Error::usage.
std::map<std::string, std::string> read_properties_file(const std::filesystem::path& path);

struct DriverServerOptions {
  DriverCommand command;
  // The Spark and Java that spark-submit runs with (find_spark_home /
  // find_java from the config; in the image $SPARK_HOME and $JAVA_HOME).
  std::filesystem::path spark_home;
  std::filesystem::path java_home;
  std::filesystem::path log_path;  // "" = <tmp>/sparkctl-driver-<pid>.log
  std::chrono::seconds startup_timeout{180};
  bool follow_log = true;  // copy the server's log to stderr (the pod log)
};

// The Spark Connect server running as the driver: started, waited for,
// its log followed, stopped. The server listens on 127.0.0.1 unless the
// properties say otherwise (spark.connect.grpc.binding.address).
class DriverServer {
 public:
  explicit DriverServer(DriverServerOptions options);
  ~DriverServer();  // stop()
  DriverServer(const DriverServer&) = delete;
  DriverServer& operator=(const DriverServer&) = delete;

  // Throws Error::cluster (after printing the server's last log lines)
  // when it dies or does not listen within the startup timeout.
  void start();
  // Safe from the interrupt thread; SIGTERM first so the driver stops
  // its executors, SIGKILL after `grace`.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(20));
  bool running() { return server_.running(); }

  std::string remote() const { return server_.remote(); }  // sc://127.0.0.1:PORT
  int port() const { return port_; }
  // The driver's web UI on 127.0.0.1, 0 when spark.ui.enabled=false.
  int ui_port() const { return ui_port_; }
  const std::string& app_name() const { return app_name_; }
  const std::filesystem::path& log_path() const { return log_path_; }
  // The argv the server was started with.
  const std::vector<std::string>& argv() const { return argv_; }

  // An Error::cluster saying the server died, after printing its last
  // log lines on stderr.
  Error died() const;

 private:
  void follow_log();

  DriverServerOptions options_;
  std::filesystem::path log_path_;
  int port_ = 0;
  int ui_port_ = 0;
  std::string app_name_;
  std::vector<std::string> argv_;
  LocalServer server_;
  std::atomic<bool> following_{false};
  std::thread follower_;
};

// Builds the server's argv and environment; exposed for tests. Fills in
// port/ui_port with the ones chosen: the configured
// spark.connect.grpc.binding.port, else 15002 if free, else a free port;
// the configured spark.ui.port, else 4040 if free, else a free port.
struct DriverLaunch {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
  int port = 0;
  int ui_port = 0;  // 0: UI disabled
};
DriverLaunch driver_launch(const DriverServerOptions& options);

}  // namespace sparkctl::runtime
