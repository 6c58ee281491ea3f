#include "command_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace sparkctl::testing {

namespace {

std::string temp_path(const char* tag) {
  std::string pattern = "/tmp/sparkctl-test-" + std::string(tag) + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return pattern;
}

// The inherited environment with the options' changes, built before fork:
// the child of a threaded process may only call async-signal-safe functions.
std::vector<std::string> environment_of(const CommandOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    const bool unset = std::find(options.unset_env.begin(), options.unset_env.end(), name) !=
                       options.unset_env.end();
    if (!unset && !options.env.count(name)) env.push_back(entry);
  }
  for (const auto& [name, value] : options.env) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

RunningCommand::RunningCommand(const std::vector<std::string>& argv,
                               const CommandOptions& options) {
  stdin_path_ = temp_path("in");
  std::ofstream(stdin_path_) << options.stdin_text;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::vector<std::string> args = argv;
  std::vector<std::string> env = environment_of(options);
  auto arg_pointers = pointers_to(args);
  auto env_pointers = pointers_to(env);
  const char* out_target = options.discard_stdout ? "/dev/null" : nullptr;

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (!options.working_dir.empty() && ::chdir(options.working_dir.c_str()) != 0) ::_exit(126);
    const int in = ::open(stdin_path_.c_str(), O_RDONLY);
    const int out = out_target ? ::open(out_target, O_WRONLY) : out_pipe[1];
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err_pipe[1], 2);
    ::execvpe(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  reader_ = std::thread([this, o = out_pipe[0], e = err_pipe[0]] { read_all(o, e); });
}

RunningCommand::~RunningCommand() {
  if (!finished_) {
    ::kill(pid_, SIGKILL);
    finish();
  }
  ::unlink(stdin_path_.c_str());
}

void RunningCommand::read_all(int out_fd, int err_fd) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_count = 2;
  char buffer[65536];
  while (open_count > 0) {
    const int ready = ::poll(fds, 2, 100);
    // A daemon the command started may hold the pipes open: once the
    // command has ended, what it wrote is read and the rest not waited for.
    if (ready == 0 && ended_) break;
    if (ready < 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
        continue;
      }
      std::lock_guard lock(mutex_);
      (i == 0 ? result_.out : result_.err).append(buffer, static_cast<size_t>(n));
    }
  }
  for (const auto& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
}

bool RunningCommand::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex_);
      if (result_.err.find(text) != std::string::npos ||
          result_.out.find(text) != std::string::npos)
        return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string RunningCommand::out() {
  std::lock_guard lock(mutex_);
  return result_.out;
}

std::string RunningCommand::err() {
  std::lock_guard lock(mutex_);
  return result_.err;
}

CommandResult RunningCommand::finish() {
  if (!finished_) {
    int status = 0;
    struct rusage usage {};
    while (::wait4(pid_, &status, 0, &usage) < 0) {
    }
    ended_ = true;
    if (reader_.joinable()) reader_.join();
    finished_ = true;
    result_.peak_rss_kib = usage.ru_maxrss;
    result_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return result_;
}

CommandResult run_command(const std::vector<std::string>& argv, const CommandOptions& options) {
  return RunningCommand(argv, options).finish();
}

std::vector<std::string> sparkctl_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{SPARKCTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

CommandResult run_sparkctl(const std::vector<std::string>& args, const CommandOptions& options) {
  return run_command(sparkctl_argv(args), options);
}

}  // namespace sparkctl::testing
