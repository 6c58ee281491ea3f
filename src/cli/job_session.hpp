// The Spark Connect session of a job run (`run`, the driver pod's
// entrypoint): opened on the job's first use of Spark, so that a job that
// fails its own checks never connects; from then on an interrupt (Ctrl-C,
// or SIGTERM when the pod is deleted) stops what it runs before the server
// is stopped.
#pragma once

#include <optional>
#include <utility>

#include "sparkctl/connect/channel.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/runtime/signals.hpp"

namespace sparkctl::cli {

class JobSession {
 public:
  explicit JobSession(connect::ChannelOptions channel) : channel_(std::move(channel)) {}
  JobSession(const JobSession&) = delete;  // the interrupt callback holds `this`
  JobSession& operator=(const JobSession&) = delete;

  connect::Session& get() {
    if (!session_) {
      session_.emplace(connect::Session::open(channel_));
      cancel_on_interrupt_.emplace(runtime::Interrupts::Phase::cancel,
                                   [this] { session_->interrupt_all(); });
    }
    return *session_;
  }
  // The job is over: an interrupt from now on no longer cancels its queries
  // (the server is about to stop).
  void job_finished() { cancel_on_interrupt_.reset(); }

 private:
  connect::ChannelOptions channel_;
  std::optional<connect::Session> session_;
  std::optional<runtime::InterruptScope> cancel_on_interrupt_;  // destroyed first
};

}  // namespace sparkctl::cli
