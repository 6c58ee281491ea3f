#include "application_wait.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <regex>
#include <thread>

#include "application_view.hpp"

namespace sparkctl::cli {

namespace {

using Clock = std::chrono::steady_clock;

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

k8s::ApplicationSummary finish(const k8s::ApplicationSummary& app) {
  if (app.failed()) {
    throw Error::job("SparkApplication \"" + app.name + "\" " + app.state +
                     (app.error_message.empty() ? "" : ": " + app.error_message));
  }
  return app;
}

}  // namespace

namespace {

std::chrono::seconds parse_duration(const std::string& text) {
  static const std::regex whole(R"(^([0-9]+[hms]?)+$)");
  static const std::regex part(R"(([0-9]+)([hms]?))");
  if (!std::regex_match(text, whole)) {
    throw Error::usage("--timeout: expected a duration such as 90, 90s, 5m or 1h30m, got \"" +
                       text + "\"");
  }
  long total = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), part); it != std::sregex_iterator();
       ++it) {
    const long n = std::stol((*it)[1].str());
    const std::string unit = (*it)[2].str();
    total += unit == "h" ? n * 3600 : unit == "m" ? n * 60 : n;
  }
  if (total <= 0) throw Error::usage("--timeout must be more than 0 seconds");
  return std::chrono::seconds(total);
}

}  // namespace

std::chrono::seconds parse_timeout(const std::string& text, const config::Config& config) {
  if (text.empty()) return std::chrono::seconds(config.get_int("kubernetes.wait_timeout"));
  return parse_duration(text);
}

void validate_timeout(const std::string& text) {
  if (!text.empty()) parse_duration(text);
}

k8s::ApplicationSummary wait_for_application(KubeSession& session, const std::string& name,
                                             const WaitOptions& options) {
  const std::string& ns = session.namespace_;
  const auto deadline = Clock::now() + options.timeout;
  auto first = k8s::summarize(get_application(session, name));
  if (first.finished()) return finish(first);

  Progress progress(name, options.quiet);
  progress.update(first);
  k8s::ApplicationSummary last = first;
  bool deleted = false;
  const bool ended = api_call(session, {"watch", k8s::kSparkPlural, ns, name}, [&] {
    return session.client.watch(
        k8s::applications_path(ns), "metadata.name=" + name,
        [&](const std::string& type, const nlohmann::json& object) {
          if (type == "DELETED") {
            deleted = true;
            return false;
          }
          last = k8s::summarize(object);
          progress.update(last);
          return !last.finished();
        },
        deadline);
  });
  progress.stop();
  if (deleted) {
    throw Error::job("SparkApplication \"" + name +
                     "\" was deleted before it finished (last state " + last.state_or_new() + ")");
  }
  if (!ended) {
    throw Error::cluster("timed out after " + format_duration(options.timeout) +
                         " waiting for SparkApplication \"" + name + "\" (state " +
                         last.state_or_new() + "); raise --timeout or kubernetes.wait_timeout");
  }
  spdlog::info("{}: {} after {}", name, last.state, format_duration(progress.elapsed()));
  return finish(last);
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
              {"get", k8s::kSparkPlural, ns, name}, session.client.server());
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
