// Is anyone using the driver? For the interactive job on the cluster,
// which keeps its Spark Connect server up until nobody has run anything
// for a while. The signal is Spark's own monitoring REST API on the
// driver's web UI (/api/v1/applications/<id>/jobs, on 127.0.0.1): a
// running job, or a job that appeared or finished since the last look,
// is activity. Statements that start no Spark job (SET, SHOW TABLES on
// the session catalog) are not seen.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace sparkctl::runtime {

// What the jobs list of the application looked like.
struct JobsSnapshot {
  std::int64_t jobs = 0;          // listed jobs (all states)
  std::int64_t running = 0;       // status RUNNING
  std::int64_t finished = 0;      // SUCCEEDED, FAILED, ...
  std::int64_t last_job_id = -1;  // highest jobId, -1 if none

  bool operator==(const JobsSnapshot& other) const;
  bool operator!=(const JobsSnapshot& other) const { return !(*this == other); }
};

// Parses the JSON of /api/v1/applications/<id>/jobs; nullopt if it is not
// a list of jobs.
std::optional<JobsSnapshot> parse_jobs(const std::string& json);

// The driver's UI at http://127.0.0.1:<port>. Each call is one or two
// short HTTP GETs (the application id is looked up once).
class DriverUi {
 public:
  explicit DriverUi(int port, std::chrono::milliseconds timeout = std::chrono::seconds(3));
  // nullopt when the UI does not answer (yet) or answers nonsense; the
  // reason is in last_error().
  std::optional<JobsSnapshot> jobs();
  const std::string& last_error() const { return last_error_; }

 private:
  std::optional<std::string> get(const std::string& path);

  int port_;
  std::chrono::milliseconds timeout_;
  std::string application_id_;
  std::string last_error_;
};

// The idle clock, without I/O: feed it what was observed when, ask it how
// long Spark has been idle. An unanswered look (nullopt) is no activity,
// so a driver whose UI is off or broken still stops after the timeout.
class IdleClock {
 public:
  using Clock = std::chrono::steady_clock;
  explicit IdleClock(Clock::time_point start) : last_activity_(start) {}

  void observe(const std::optional<JobsSnapshot>& snapshot, Clock::time_point now);
  Clock::duration idle_for(Clock::time_point now) const { return now - last_activity_; }

 private:
  Clock::time_point last_activity_;
  std::optional<JobsSnapshot> last_seen_;
};

struct IdleWaitOptions {
  std::chrono::seconds timeout{1800};
  std::chrono::milliseconds poll{5000};
  // Returns the current jobs snapshot (DriverUi::jobs, or a fake in tests).
  std::function<std::optional<JobsSnapshot>()> look;
  // False once the server has died; the wait then ends.
  std::function<bool()> alive;
};

// Blocks until Spark has been idle for `timeout` (returns true) or
// `alive` turns false (returns false).
bool wait_until_idle(const IdleWaitOptions& options);

}  // namespace sparkctl::runtime
