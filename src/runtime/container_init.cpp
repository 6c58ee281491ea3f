// The init half of the entrypoint (container_init.hpp). It waits for
// signals synchronously (blocked, then sigwaitinfo), so no handler runs
// in it and nothing it does needs to be async-signal-safe.
#include "sparkctl/runtime/container_init.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sparkctl/core/error.hpp"

namespace sparkctl::runtime {
namespace {

// What the kubelet, a user's `kill` or a terminal may send, and what the
// role must see: Spark's JVMs react to TERM/INT/HUP (shutdown hooks) and
// QUIT (thread dump). Faults (SEGV, ...) are the init's own; SIGCHLD it
// handles; TSTP/TTIN/TTOU would stop the init instead of the role.
constexpr int forwarded_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};

int shell_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

// Reaps every child that has ended; returns the role's status once it is
// among them.
std::optional<int> reap_children(pid_t role) {
  std::optional<int> role_status;
  for (;;) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) break;  // none left that ended, or no children at all
    if (pid == role) role_status = status;
  }
  return role_status;
}

void continue_as_role(pid_t init, const sigset_t& previous_mask) {
  // If the init is gone already, the role is an orphan nobody reports on.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != init) raise(SIGKILL);
  sigprocmask(SIG_SETMASK, &previous_mask, nullptr);
}

int supervise(pid_t role, const sigset_t& waited) {
  for (;;) {
    siginfo_t info{};
    const int signal = sigwaitinfo(&waited, &info);
    if (signal < 0) continue;  // EINTR: nothing arrived
    if (signal == SIGCHLD) {
      if (const auto status = reap_children(role)) return shell_status(*status);
      continue;
    }
    // A terminal's ^C or ^\ reaches the whole foreground process group,
    // the role included: passing it on would deliver it twice.
    if (info.si_code == SI_KERNEL) continue;
    spdlog::debug("init: passing signal {} on to process {}", signal, role);
    kill(role, signal);
  }
}

}  // namespace

std::optional<int> become_init() {
  sigset_t waited;
  sigemptyset(&waited);
  sigaddset(&waited, SIGCHLD);
  for (int signal : forwarded_signals) sigaddset(&waited, signal);
  // Blocked before the fork, so no signal sent in between is lost: it
  // stays pending until the loop below takes it.
  sigset_t previous_mask;
  sigprocmask(SIG_BLOCK, &waited, &previous_mask);
  // An ignored SIGCHLD would let the kernel reap children without telling.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigaction(SIGCHLD, &default_action, nullptr);

  // Buffered output would otherwise be written twice, once by each half.
  std::fflush(nullptr);
  spdlog::default_logger()->flush();

  const pid_t init = getpid();
  if (init != 1) prctl(PR_SET_CHILD_SUBREAPER, 1);
  const pid_t role = fork();
  if (role < 0) {
    const int error = errno;
    sigprocmask(SIG_SETMASK, &previous_mask, nullptr);
    throw Error::cluster(std::string("cannot start the container's process: fork: ") +
                         std::strerror(error));
  }
  if (role == 0) {
    continue_as_role(init, previous_mask);
    return std::nullopt;
  }
  return supervise(role, waited);
}

}  // namespace sparkctl::runtime
