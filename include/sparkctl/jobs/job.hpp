// The job interface. A job is a module in jobs/ that declares its typed
// arguments and an execute() function; registering it touches only its own
// file and one line in jobs/registry.cpp.
#pragma once

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

 private:
  std::string job_name_;
  const config::Config& config_;
  SessionProvider spark_;
  std::ostream& out_;
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
  // Extra Spark server settings the job needs given the config (e.g.
  // object-store connectors); may be empty.
  std::function<std::vector<std::string>(const config::Config&)> server_jars;
};

}  // namespace sparkctl::jobs
