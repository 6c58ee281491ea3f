// What the waiting verbs (`wait`, `submit --wait`, `schedule run-now
// --wait`, `delete --wait`) share on the command line: their timeout
// flags, and the progress a person sees while k8s::wait_for_application
// follows the application (k8s/application_wait.hpp).
#pragma once

#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "sparkctl/config/config.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/k8s/application_wait.hpp"

namespace sparkctl::cli {

// The --pending-timeout and --delete-on-failure flags of the waiting verbs.
struct FailureFlags {
  DurationFlag pending_timeout{config::keys::kubernetes_pending_timeout};
  bool delete_on_failure = false;
};
void add_failure_flags(CLI::App& command, FailureFlags& flags);

// The wait's options from the flags and the configuration.
k8s::WaitOptions wait_options(const DurationFlag& timeout, const FailureFlags& flags,
                              const config::Config& config);

// Shows a wait on `err`: a live line on a terminal, a log line per state
// change otherwise (nothing with -q), a warning per pod problem, and the
// driver's last log lines when it failed.
class WaitProgress : public k8s::WaitObserver {
 public:
  WaitProgress(std::string name, bool quiet, std::ostream& err);
  ~WaitProgress() override;
  WaitProgress(const WaitProgress&) = delete;
  WaitProgress& operator=(const WaitProgress&) = delete;

  void changed(const k8s::SparkApplication& app) override;
  void problem(const std::string& line) override;
  void finished() override;
  void driver_log(const std::string& pod, const std::string& tail) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// k8s::wait_for_application with WaitProgress on the verb's error stream.
k8s::SparkApplication wait_for_application(KubeSession& session, const std::string& name,
                                           const k8s::WaitOptions& options,
                                           const GlobalOptions& globals);

}  // namespace sparkctl::cli
