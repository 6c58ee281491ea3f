#include "wait_progress.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "application_view.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/duration.hpp"

namespace sparkctl::cli {

void add_failure_flags(CLI::App& command, FailureFlags& flags) {
  add_duration_flag(command, "--pending-timeout", flags.pending_timeout,
                    "Give up on a pod that waits for its image or a node this long, at once when "
                    "it cannot heal");
  command.add_flag("--delete-on-failure", flags.delete_on_failure,
                   "Delete the application when it fails or cannot start (default: keep it for "
                   "inspection)");
}

k8s::WaitOptions wait_options(const DurationFlag& timeout, const FailureFlags& flags,
                              const config::Config& config) {
  return {timeout.resolve(config), flags.pending_timeout.resolve(config), flags.delete_on_failure};
}

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

// The live line (terminal) or state-change log lines (anything else).
struct WaitProgress::Impl {
  Impl(std::string name, bool quiet, std::ostream& err)
      : name_(std::move(name)),
        quiet_(quiet),
        tty_(!quiet && &err == &std::cerr && isatty(STDERR_FILENO) != 0),
        err_(err),
        start_(Clock::now()) {
    if (tty_) ticker_ = std::thread([this] { tick(); });
  }
  ~Impl() { stop(); }

  // Ends the live line, so what comes next starts on a line of its own.
  void stop() {
    if (!tty_ || !ticker_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      done_ = true;
      draw();
      err_ << "\n";
    }
    wake_.notify_all();
    ticker_.join();
  }

  void update(const k8s::SparkApplication& app) {
    std::lock_guard lock(mu_);
    text_ = progress_text(app);
    const std::string state = app.status.state_name();
    if (tty_) {
      draw();
    } else if (!quiet_ && state != state_) {
      spdlog::info("{}: {}", name_, text_);
    }
    state_ = state;
  }

  std::ostream& err() { return err_; }

  // A line of its own (a warning), the live line drawn again below it.
  void note(const std::string& line) {
    std::lock_guard lock(mu_);
    if (tty_) err_ << "\r\033[K" << std::flush;
    spdlog::warn("{}", line);
    if (tty_) draw();
  }

 private:
  void draw() {  // mu_ held
    if (text_.empty()) return;
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start_);
    err_ << "\r\033[K" << name_ << ": " << text_ << ", elapsed " << format_duration(elapsed)
         << std::flush;
  }
  void tick() {
    std::unique_lock lock(mu_);
    while (!done_) {
      wake_.wait_for(lock, std::chrono::seconds(1));
      if (!done_) draw();
    }
  }

  std::string name_;
  bool quiet_, tty_;
  std::ostream& err_;
  Clock::time_point start_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::thread ticker_;
  bool done_ = false;
  std::string text_, state_;
};

WaitProgress::WaitProgress(std::string name, bool quiet, std::ostream& err)
    : impl_(std::make_unique<Impl>(std::move(name), quiet, err)) {}

WaitProgress::~WaitProgress() = default;

void WaitProgress::changed(const k8s::SparkApplication& app) { impl_->update(app); }

void WaitProgress::problem(const std::string& line) { impl_->note(line); }

void WaitProgress::finished() { impl_->stop(); }

void WaitProgress::driver_log(const std::string& pod, const std::string& tail) {
  impl_->stop();
  impl_->err() << "--- last lines of the driver's log (pod " << pod << ") ---\n"
               << tail << (tail.empty() || tail.back() != '\n' ? "\n" : "") << "---\n"
               << std::flush;
}

k8s::SparkApplication wait_for_application(KubeSession& session, const std::string& name,
                                           const k8s::WaitOptions& options,
                                           const GlobalOptions& globals) {
  WaitProgress progress(name, globals.quiet, *globals.io.err);
  return k8s::wait_for_application(session.cluster, name, options, progress);
}

}  // namespace sparkctl::cli
