// A started program's life: stopping its group, reaping it, looking it up
// in /proc. Starting it is core's (core/process.hpp).
#include "sparkctl/runtime/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/process.hpp"

namespace sparkctl::runtime {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// The fields of /proc/<pid>/stat we use; `found` is false if it is gone.
struct ProcStat {
  bool found = false;
  char state = 0;  // 'Z' = zombie
  pid_t pgid = 0;
  long threads = 0;
  unsigned long long start_ticks = 0;

  // A 'Z' leader with other threads still running is a process shutting
  // down (the JVM's main thread exits first), not a dead one.
  bool live() const { return found && (state != 'Z' || threads > 1); }
};

ProcStat read_proc_stat(const std::filesystem::path& stat_path) {
  std::ifstream in(stat_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces and parentheses: skip past the last ')'.
  const auto close_paren = text.rfind(')');
  ProcStat stat;
  if (close_paren == std::string::npos || close_paren + 2 >= text.size()) return stat;
  std::istringstream fields(text.substr(close_paren + 2));
  pid_t ppid = 0;
  fields >> stat.state >> ppid >> stat.pgid;
  std::string skipped;
  for (int field = 6; field < 20 && fields >> skipped; ++field) {
  }
  fields >> stat.threads >> skipped >> stat.start_ticks;  // fields 20, 21, 22
  stat.found = static_cast<bool>(fields);
  return stat;
}

ProcStat read_proc_stat(pid_t pid) {
  return read_proc_stat("/proc/" + std::to_string(pid) + "/stat");
}

}  // namespace

ChildProcess ChildProcess::spawn(const SpawnOptions& options) {
  const std::string log = options.log_path.empty() ? "/dev/null" : options.log_path;
  const int out_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out_fd < 0) throw Error::cluster("cannot open log file " + log + ": " + std::strerror(errno));
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) {
    close(out_fd);
    throw Error::cluster(std::string("cannot open /dev/null: ") + std::strerror(errno));
  }
  ProcessSpec spec;
  spec.argv = options.argv;
  spec.env = options.env;
  spec.stdin_fd = null_fd;
  spec.stdout_fd = out_fd;
  spec.stderr_fd = out_fd;
  spec.group = options.lifetime == Lifetime::detached ? ProcessGroup::own_session
                                                      : ProcessGroup::own_tied_to_parent;
  spec.owner_only_files = options.owner_only_files;
  ChildProcess child;
  try {
    child.pid_ = spawn_process(spec);
  } catch (...) {
    close(out_fd);
    close(null_fd);
    throw;
  }
  close(out_fd);
  close(null_fd);
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), status_(other.status_) {
  other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    stop();
    pid_ = other.pid_;
    status_ = other.status_;
    other.pid_ = -1;
  }
  return *this;
}

ChildProcess::~ChildProcess() { stop(); }

bool ChildProcess::running() {
  if (pid_ <= 0 || status_) return false;
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return true;
  status_ = r == pid_ ? status : 0;
  return false;
}

void ChildProcess::stop(milliseconds grace) {
  if (pid_ <= 0) return;
  const pid_t group = pgid();
  if (running()) {
    kill(-group, SIGTERM);
    const auto deadline = Clock::now() + grace;
    while (running() && Clock::now() < deadline) std::this_thread::sleep_for(milliseconds(50));
    if (running()) {
      kill(-group, SIGKILL);
      int status = 0;
      while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      status_ = status;
    }
  }
  // The leader is gone; take any straggler of its group with it (spark-class
  // runs a launcher JVM before it execs the server).
  if (group_alive(group)) kill(-group, SIGKILL);
  pid_ = -1;
}

pid_t ChildProcess::release() {
  const pid_t pid = pid_;
  pid_ = -1;
  return pid;
}

bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  int status;
  if (waitpid(pid, &status, WNOHANG) == pid) return false;  // our child, now reaped
  if (kill(pid, 0) < 0 && errno == ESRCH) return false;
  return read_proc_stat(pid).live();
}

bool group_alive(pid_t pgid) {
  if (pgid <= 0 || kill(-pgid, 0) < 0) return false;
  // kill() also succeeds for zombies: look for a live member in /proc.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const auto name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto stat = read_proc_stat(entry.path() / "stat");
    if (stat.pgid == pgid && stat.live()) return true;
  }
  return false;
}

unsigned long long process_start_ticks(pid_t pid) { return read_proc_stat(pid).start_ticks; }

bool stop_process_group(pid_t pid, pid_t pgid, milliseconds grace) {
  if (!process_alive(pid)) {
    if (group_alive(pgid)) kill(-pgid, SIGKILL);
    return false;
  }
  kill(-pgid, SIGTERM);
  const auto deadline = Clock::now() + grace;
  while (process_alive(pid) && Clock::now() < deadline)
    std::this_thread::sleep_for(milliseconds(50));
  if (group_alive(pgid)) kill(-pgid, SIGKILL);
  const auto kill_deadline = Clock::now() + std::chrono::seconds(5);
  while (process_alive(pid) && Clock::now() < kill_deadline)
    std::this_thread::sleep_for(milliseconds(20));
  return true;
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  return "stopped";
}

std::optional<std::string> run_and_capture(const std::vector<std::string>& argv) {
  char path[] = "/tmp/sparkctl-probe-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return std::nullopt;
  close(fd);
  std::optional<std::string> output;
  try {
    auto child = ChildProcess::spawn({argv, {}, path, Lifetime::tied_to_parent});
    while (child.running()) std::this_thread::sleep_for(milliseconds(5));
    const int status = child.wait_status().value_or(-1);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      std::ifstream in(path);
      output = std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
  } catch (const Error&) {
  }
  unlink(path);
  return output;
}

}  // namespace sparkctl::runtime
