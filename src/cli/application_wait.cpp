#include "application_wait.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "application_failure.hpp"
#include "application_view.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/k8s/pending_pods.hpp"

namespace sparkctl::cli {

namespace {

using Clock = std::chrono::steady_clock;

// How often the pods are looked at while the application has not finished.
constexpr auto pod_check_period = std::chrono::seconds(5);

// The live line (terminal) or state-change log lines (anything else).
class Progress {
 public:
  Progress(std::string name, bool quiet)
      : name_(std::move(name)),
        quiet_(quiet),
        tty_(!quiet && isatty(STDERR_FILENO) != 0),
        start_(Clock::now()) {
    if (tty_) ticker_ = std::thread([this] { tick(); });
  }
  ~Progress() { stop(); }
  // Ends the live line, so what comes next starts on a line of its own.
  void stop() {
    if (!tty_ || !ticker_.joinable()) return;
    {
      std::lock_guard lock(mu_);
      done_ = true;
      draw();
      std::cerr << "\n";
    }
    wake_.notify_all();
    ticker_.join();
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(const k8s::ApplicationSummary& app) {
    std::lock_guard lock(mu_);
    text_ = progress_text(app);
    if (tty_) {
      draw();
    } else if (!quiet_ && app.state_or_new() != state_) {
      spdlog::info("{}: {}", name_, text_);
    }
    state_ = app.state_or_new();
  }
  // A line of its own (a warning), the live line drawn again below it.
  void note(const std::string& line) {
    std::lock_guard lock(mu_);
    if (tty_) std::cerr << "\r\033[K" << std::flush;
    spdlog::warn("{}", line);
    if (tty_) draw();
  }
  const std::string& state() const { return state_; }
  std::chrono::seconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start_);
  }

 private:
  void draw() {  // mu_ held
    if (text_.empty()) return;
    std::cerr << "\r\033[K" << name_ << ": " << text_ << ", elapsed " << format_duration(elapsed())
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
  Clock::time_point start_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::thread ticker_;
  bool done_ = false;
  std::string text_, state_;
};

// A finished application: returned when it completed, else the failure
// with its cause, from the pods now and those seen ended while waiting.
k8s::ApplicationSummary finish(KubeSession& session, const k8s::ApplicationSummary& app,
                               const k8s::PendingPods& pending, const WaitOptions& options) {
  if (!app.failed()) return app;
  auto problems = ended_problems(application_pods(session, app.name));
  for (auto& problem : pending.ended()) problems.push_back(std::move(problem));
  throw application_failed(session, app,
                           app.state + ": " + k8s::failure_cause(app, problems, !app.job.empty()),
                           options.delete_on_failure);
}

// Looks at the pods: reports new problems, returns one to give up on.
std::optional<k8s::PodProblem> check_pods(KubeSession& session, const std::string& name,
                                          k8s::PendingPods& pending, Progress& progress) {
  const auto verdict = pending.observe(application_pods(session, name), Clock::now());
  const std::string timeout = format_duration(pending.timeout());
  for (const auto& problem : verdict.new_problems) {
    progress.note(k8s::describe(problem) +
                  (problem.may_heal ? " (giving up after " + timeout + " unless it clears)" : ""));
  }
  for (const auto& problem : verdict.left_behind) {
    progress.note(k8s::describe(problem) + " for " + timeout +
                  "; the job goes on with the executors it has");
  }
  return verdict.give_up;
}

bool is_gone(KubeSession& session, const std::string& name) {
  const auto response =
      session.client.request("GET", k8s::application_path(session.namespace_, name), "", "");
  return response.status == 404;
}

std::string cannot_run(const k8s::PodProblem& problem, std::chrono::seconds pending_timeout) {
  return "cannot run: " + k8s::describe(problem) +
         (problem.may_heal ? " (for " + format_duration(pending_timeout) + ", --pending-timeout)"
                           : "");
}
}  // namespace

void add_failure_flags(CLI::App& command, FailureFlags& flags) {
  add_duration_flag(command, "--pending-timeout", flags.pending_timeout,
                    "Give up on a pod that waits for its image or a node this long, at once when "
                    "it cannot heal");
  command.add_flag("--delete-on-failure", flags.delete_on_failure,
                   "Delete the application when it fails or cannot start (default: keep it for "
                   "inspection)");
}

k8s::ApplicationSummary wait_for_application(KubeSession& session, const std::string& name,
                                             const WaitOptions& options) {
  const std::string& ns = session.namespace_;
  const auto deadline = Clock::now() + options.timeout;
  k8s::PendingPods pending(options.pending_timeout);
  auto first = k8s::summarize(get_application(session, name));
  if (first.finished()) return finish(session, first, pending, options);

  Progress progress(name, options.quiet);
  progress.update(first);
  k8s::ApplicationSummary last = first;
  bool deleted = false, ended = false;
  std::optional<k8s::PodProblem> stuck;
  // Watch windows of a few seconds, the pods looked at in between: the
  // operator reports nothing while a pod waits for an image or a node.
  while (!(stuck = check_pods(session, name, pending, progress)) && Clock::now() < deadline) {
    const auto window = std::min(deadline, Clock::now() + pod_check_period);
    bool seen = false;
    ended = api_call(session, {"watch", k8s::spark_plural, ns, name}, [&] {
      return session.client.watch(
          k8s::applications_path(ns), "metadata.name=" + name,
          [&](const std::string& type, const nlohmann::json& object) {
            seen = true;
            if (type == "DELETED") {
              deleted = true;
              return false;
            }
            last = k8s::summarize(object);
            progress.update(last);
            return !last.finished();
          },
          window);
    });
    if (ended) break;
    // Each window lists first, so one that saw nothing has missed a delete
    // between windows (or its list did not get through): ask once.
    if (!seen && is_gone(session, name)) {
      deleted = true;
      break;
    }
  }
  progress.stop();
  if (deleted) {
    throw Error::job("SparkApplication \"" + name +
                     "\" was deleted before it finished (last state " + last.state_or_new() + ")");
  }
  if (stuck && !ended) {
    throw application_failed(session, last, cannot_run(*stuck, options.pending_timeout),
                             options.delete_on_failure);
  }
  if (!ended) {
    throw Error::cluster("timed out after " + format_duration(options.timeout) +
                         " waiting for SparkApplication \"" + name + "\" (state " +
                         last.state_or_new() + "); raise --timeout or kubernetes.wait_timeout");
  }
  spdlog::info("{}: {} after {}", name, last.state, format_duration(progress.elapsed()));
  return finish(session, last, pending, options);
}

void wait_until_deleted(KubeSession& session, const std::string& name,
                        std::chrono::seconds timeout) {
  const std::string& ns = session.namespace_;
  const auto deadline = Clock::now() + timeout;
  const std::string path = k8s::application_path(ns, name);
  while (true) {
    auto response = session.client.request("GET", path, "", "");
    if (response.status == 404) return;
    if (response.status < 200 || response.status >= 300) {
      explain(k8s::ApiError::from_response(response.status, response.body),
              {"get", k8s::spark_plural, ns, name}, session.client.server());
    }
    if (Clock::now() >= deadline) {
      throw Error::cluster("timed out after " + format_duration(timeout) +
                           " waiting for SparkApplication \"" + name +
                           "\" to be deleted (a finalizer may be holding it)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

}  // namespace sparkctl::cli
