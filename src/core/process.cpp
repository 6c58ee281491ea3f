#include "sparkctl/core/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

extern char** environ;

namespace sparkctl {
namespace {

std::vector<std::string> merged_environment(const ProcessSpec& spec) {
  std::vector<std::string> result;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    auto name = entry.substr(0, entry.find('='));
    const bool unset =
        std::find(spec.unset_env.begin(), spec.unset_env.end(), name) != spec.unset_env.end();
    if (!unset && spec.env.count(name) == 0) result.push_back(std::move(entry));
  }
  for (const auto& [name, value] : spec.env) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// The program to exec: `name` itself when it holds a '/', else the first
// executable file of that name in $PATH (as execvp looks, but before fork).
std::string program_path(const std::string& name, bool search_path) {
  if (!search_path || name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  for (const auto& dir : strings::split(path && *path ? path : "/bin:/usr/bin", ':')) {
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return name;  // exec fails with ENOENT
}

[[noreturn]] void report_and_exit(int error_pipe, int err) {
  (void)!write(error_pipe, &err, sizeof err);
  _exit(127);
}

// Runs in the child between fork and exec: async-signal-safe calls only.
[[noreturn]] void exec_child(const char* program, char* const* argv, char* const* envp,
                             const ProcessSpec& spec, int error_pipe, pid_t parent) {
  auto fail = [error_pipe](int err) { report_and_exit(error_pipe, err); };
  if (spec.group == ProcessGroup::own_session) {
    if (setsid() < 0) fail(errno);
  } else if (spec.group == ProcessGroup::own_tied_to_parent) {
    if (setpgid(0, 0) < 0) fail(errno);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0) fail(errno);
    if (getppid() != parent) _exit(127);  // the parent died before prctl
  }
  // Back to a clean signal state: sparkctl blocks SIGINT/SIGTERM for its
  // sigwait thread, and a blocked mask survives exec.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT}) signal(sig, SIG_DFL);
  if (spec.owner_only_files) umask(077);
  if (!spec.working_dir.empty() && chdir(spec.working_dir.c_str()) < 0) fail(errno);

  const int targets[3][2] = {{spec.stdin_fd, STDIN_FILENO},
                             {spec.stdout_fd, STDOUT_FILENO},
                             {spec.stderr_fd, STDERR_FILENO}};
  for (const auto& [from, to] : targets)
    if (from != to && dup2(from, to) < 0) fail(errno);
  // Keep only 0-2 and the (close-on-exec) error pipe: sparkctl's sockets
  // and files must not leak into a process that may outlive it.
  if (error_pipe > 3) close_range(3, error_pipe - 1, 0);
  close_range(error_pipe + 1, ~0U, 0);
  execve(program, argv, envp);
  report_and_exit(error_pipe, errno);
}

}  // namespace

pid_t spawn_process(const ProcessSpec& spec) {
  if (spec.argv.empty()) throw Error::cluster("internal: empty command");
  const std::string program = program_path(spec.argv[0], spec.search_path);
  auto argv_strings = spec.argv;
  auto env_strings = merged_environment(spec);
  auto argv = c_strings(argv_strings);
  auto envp = c_strings(env_strings);

  int error_pipe[2];
  if (pipe2(error_pipe, O_CLOEXEC) < 0)
    throw Error::cluster(std::string("cannot create pipe: ") + std::strerror(errno));
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    close(error_pipe[0]);
    exec_child(program.c_str(), argv.data(), envp.data(), spec, error_pipe[1], parent);
  }
  const int fork_errno = errno;
  close(error_pipe[1]);
  if (pid < 0) {
    close(error_pipe[0]);
    throw Error::cluster(std::string("cannot start a process: ") + std::strerror(fork_errno));
  }
  // Also from this side, so that no kill(-pgid) can come before the child's own call.
  if (spec.group == ProcessGroup::own_tied_to_parent) setpgid(pid, pid);

  // The pipe closes on a successful exec; otherwise it carries exec's errno.
  int child_errno = 0;
  ssize_t n;
  do {
    n = read(error_pipe[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  close(error_pipe[0]);
  if (n > 0) {
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    throw Error::cluster("cannot run " + spec.argv[0] + ": " + std::strerror(child_errno));
  }
  return pid;
}

}  // namespace sparkctl
