// Running a user's own application as a child of sparkctl, locally
// (`sparkctl run app.py`) and in the driver pod: a script on Spark Connect
// runs with the Python that carries Spark, against a server that is
// already up (`remote`); a jar, or a script with --classic, runs through
// spark-submit with a classic SparkContext. The child leads its own
// process group: an interrupt stops it and whatever JVM it started.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/application_failure.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::runtime {

struct ApplicationRun {
  std::filesystem::path spark_home;
  std::filesystem::path java_home;  // spark-submit's JAVA_HOME
  // Spark Connect mode: the server, with its token (reaches the script in
  // its environment only, as SPARK_REMOTE; never logged).
  std::string remote;
  std::string master = "local[*]";  // classic mode
  // The driver's working directory. The application's `files` are
  // expected in it by name (as on Kubernetes); the caller puts them there.
  std::filesystem::path work_dir;
  std::map<std::string, std::string> env;  // more environment for the child
};

struct ApplicationOutcome {
  int exit_status = 0;         // the application's (128 + N when killed by signal N)
  ApplicationFailure failure;  // read from its stderr when exit_status != 0
};

// The one-line error of an application `name` that ended with `outcome`
// (exit status != 0): its cause, or the --classic hint (Error::job).
Error application_failed(const std::string& name, const ApplicationOutcome& outcome);

// Runs `app` to its end; its stdout and stderr are ours (stderr is read on
// the way to find the failure). Throws Error::cluster when it cannot start.
ApplicationOutcome run_application(const UserApplication& app, const ApplicationRun& run);

// `sc://127.0.0.1:PORT/;token=...` as pyspark must be given it: pyspark
// sends a token without TLS only to the host name `localhost`.
std::string remote_for_pyspark(const std::string& remote);

}  // namespace sparkctl::runtime
