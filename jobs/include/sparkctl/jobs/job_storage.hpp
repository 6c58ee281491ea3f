// Where jobs read and write, the same way for every job: an argument that
// is a path or a URI (s3a://, gs://), else storage.base_uri joined with a
// storage.* path; relative local paths are taken from the project root, so
// a job behaves the same from any directory (and on a warm server, whose
// working directory is its own).
#pragma once

#include <spdlog/spdlog.h>

#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/failure.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::connect {
class Session;
}

namespace sparkctl::jobs {

// `given` when set, else the config's `storage_key` path under
// storage.base_uri, else (no base URI) `local_default` from the project root.
storage::Location job_location(const config::Config& config, const std::string& given,
                               const std::string& storage_key, const std::string& local_default);

// Sets the session's Hadoop settings that reach each location (credentials included).
void configure_connectors(connect::Session& spark, const config::Config& config,
                          const std::vector<storage::Location>& locations);

// The connector jars the Spark server needs for these locations (Job::server_jars).
std::vector<std::string> connector_jars(const std::vector<storage::Location>& locations);

// Runs one step against `location`; a Spark error becomes one line naming
// the location and the cause ("<job>: cannot read s3a://b/k: access denied
// (403)"), with Spark's full text kept for -v.
template <typename Step>
auto on_storage(const std::string& job, const char* action, const storage::Location& location,
                Step step) {
  try {
    return step();
  } catch (const connect::SparkError& e) {
    spdlog::debug("{}: {} {} failed: {}", job, action, location.uri, e.message());
    throw Error::job(job + ": cannot " + action + " " + location.uri + ": " +
                     storage::failure_cause(e.error_class(), e.message()));
  }
}

}  // namespace sparkctl::jobs
