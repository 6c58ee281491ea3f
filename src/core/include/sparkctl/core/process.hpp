// Starting a program: fork + exec, one way for every layer (runtime's
// ChildProcess, k8s's exec credential plugins, the tests' command runner). fork + exec rather than
// posix_spawn: a child that must die with sparkctl sets its death signal
// (PR_SET_PDEATHSIG) itself, which posix_spawn cannot do. Everything the
// child needs is prepared before fork(); between fork and exec it only
// makes async-signal-safe calls, as the child of a threaded process must.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

namespace sparkctl {

enum class ProcessGroup {
  ours,  // stays in sparkctl's process group
  // Leads a group of its own and dies with sparkctl: PR_SET_PDEATHSIG(SIGKILL)
  // fires when the *thread* that spawned it ends, so spawn from the main thread.
  own_tied_to_parent,
  // A new session (setsid): no controlling terminal, no death signal.
  own_session,
};

struct ProcessSpec {
  std::vector<std::string> argv;
  bool search_path = false;                  // argv[0] looked up on $PATH (else a path)
  std::map<std::string, std::string> env{};  // set on top of the current environment
  std::vector<std::string> unset_env{};      // removed from it
  std::string working_dir{};                 // "" = ours
  // The child's stdin, stdout and stderr: descriptors of ours (by default
  // our own). The child gets 0-2 only: no other descriptor leaks into it.
  int stdin_fd = STDIN_FILENO;
  int stdout_fd = STDOUT_FILENO;
  int stderr_fd = STDERR_FILENO;
  ProcessGroup group = ProcessGroup::ours;
  bool owner_only_files = false;  // umask 077 in the child
};

// Starts the program with default signal dispositions and an empty signal
// mask; returns its pid. Throws Error::cluster "cannot run ARGV0: REASON"
// when it cannot be started (the child, if any, reaped).
pid_t spawn_process(const ProcessSpec& spec);

}  // namespace sparkctl
