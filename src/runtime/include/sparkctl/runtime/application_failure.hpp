// Why a user's application failed, read from the last lines it wrote to
// stderr: the last line of a Python traceback ("ValueError: bad date"), or
// the exception of a JVM's main thread. `run` and the driver pod print it
// as the one-line cause; `wait` finds it again in the driver's log.
#pragma once

#include <string>
#include <vector>

namespace sparkctl::runtime {

struct ApplicationFailure {
  std::string cause;               // "" when the lines show none
  bool needs_classic_api = false;  // it used SparkContext/RDDs on Spark Connect
};

ApplicationFailure read_application_failure(const std::vector<std::string>& stderr_lines);

// The advice for a script that needs the classic API, naming the flag.
constexpr const char* classic_api_hint =
    "the script uses the classic API (SparkContext, RDDs), which Spark Connect does not have: "
    "run it with --classic";

}  // namespace sparkctl::runtime
