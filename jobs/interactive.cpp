// interactive: a Spark Connect session to work in. Run locally it opens the
// SQL shell on the session (`sparkctl run --job interactive`). In a driver
// pod the entrypoint keeps the Connect server itself up for
// `sparkctl shell --app NAME` until it has been idle for idle_timeout.
#include <chrono>
#include <ostream>

#include "sparkctl/core/duration.hpp"
#include "sparkctl/jobs/job.hpp"
#include "sparkctl/shell/shell.hpp"

namespace sparkctl::jobs {

namespace {

// In a driver pod: no terminal, so serve the session to `sparkctl shell`.
int serve_until_idle(JobContext& context, const DriverPod& pod) {
  const auto idle_timeout = context.arg_duration("idle_timeout");
  context.out() << "Spark Connect server of " << pod.app_name << " is up (port " << pod.port
                << " in the driver pod).\nConnect with: sparkctl shell --app " << pod.app_name
                << "\n";
  if (!pod.service_address.empty()) {
    context.out() << "In the cluster: sc://" << pod.service_address
                  << " with the application's token as bearer token\n";
  }
  context.out() << "It stops after " << canonical_duration(idle_timeout)
                << " without any Spark job.\n"
                << std::flush;
  pod.wait_until_idle(idle_timeout);
  context.out() << "Idle for " << canonical_duration(idle_timeout) << ": stopping.\n";
  return 0;
}

int run(JobContext& context) {
  if (const auto* pod = context.driver_pod()) return serve_until_idle(context, *pod);
  shell::ShellOptions options;
  options.format = connect::parse_result_format(context.arg_string("output"));
  const JobStreams& io = context.streams();
  return shell::run_shell(context.spark(), options, {io.in, io.out, io.err, io.terminal});
}

const JobRegistration registration([] {
  Job job;
  job.name = "interactive";
  job.summary =
      "an interactive Spark Connect session: the SQL shell locally, a long-lived server on the "
      "cluster";
  job.args = {
      choice_arg("output", "table", {"table", "csv", "json", "arrow"},
                 "how the shell prints results: table, csv, json or arrow"),
      duration_arg("idle_timeout", "30m", 60, 604800,
                   "on the cluster: how long without any Spark job before the session stops "
                   "itself"),
  };
  job.execute = run;
  job.handles_interrupts = true;
  job.serves_sessions = true;
  return job;
}());

}  // namespace

}  // namespace sparkctl::jobs
