// A child process in its own process group, with stdout and stderr going
// to a log file. Stopping it signals the whole group (the spark-submit
// shell and the JVM it execs), SIGTERM first and SIGKILL after a grace
// period, and reaps it, so no JVM outlives the owner.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparkctl::runtime {

enum class Lifetime {
  // Dies with sparkctl: PR_SET_PDEATHSIG(SIGKILL) in the child, so even
  // `kill -9 sparkctl` takes the JVM along. The signal fires when the
  // *thread* that spawned the child ends: spawn from the main thread.
  tied_to_parent,
  // Outlives sparkctl (warm server): new session (setsid), no controlling
  // terminal, no death signal.
  detached,
};

struct SpawnOptions {
  std::vector<std::string> argv;             // argv[0] is a path; no PATH search
  std::map<std::string, std::string> env{};  // set on top of the current environment
  std::string log_path{};                    // stdout+stderr appended here; "" = /dev/null
  Lifetime lifetime = Lifetime::tied_to_parent;
  // umask 077 in the child: every file it creates is its owner's alone.
  bool owner_only_files = false;
};

class ChildProcess {
 public:
  ChildProcess() = default;
  // Throws Error::cluster when the program cannot be started.
  static ChildProcess spawn(const SpawnOptions& options);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // stop()

  pid_t pid() const { return pid_; }
  pid_t pgid() const { return pid_; }  // the child leads its own group
  bool valid() const { return pid_ > 0; }

  // False once the child has exited (and then it is reaped).
  bool running();
  // The waitpid() status once the child has exited.
  std::optional<int> wait_status() const { return status_; }

  // SIGTERM to the group, SIGKILL after `grace`, reap. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Forget the child without stopping it (a detached warm server).
  pid_t release();

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
};

// Stops a process group that may not be our child (the warm server of an
// earlier sparkctl): SIGTERM to the group, SIGKILL after `grace`, waits
// until `pid` is gone. Returns false if it was already gone.
bool stop_process_group(pid_t pid, pid_t pgid, std::chrono::milliseconds grace);

// True if `pid` exists and is not a zombie (reaps it if it is our child).
bool process_alive(pid_t pid);
// True if some process of group `pgid` exists and is not a zombie (reads /proc).
bool group_alive(pid_t pgid);
// Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), 0 if
// gone: with the pid it names one process, whatever pids get reused.
unsigned long long process_start_ticks(pid_t pid);

// "exited with status 1", "killed by signal 9 (Killed)".
std::string describe_wait_status(int status);

// Runs argv to completion and returns its stdout and stderr together;
// nullopt if it could not run or exited non-zero. For short probes
// (`java -version`, `python3 -c ...`).
std::optional<std::string> run_and_capture(const std::vector<std::string>& argv);

}  // namespace sparkctl::runtime
