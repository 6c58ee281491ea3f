#include "command_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <stdexcept>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/process.hpp"

namespace sparkctl::testing {

namespace {

std::string temp_path(const char* tag) {
  std::string pattern = "/tmp/sparkctl-test-" + std::string(tag) + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return pattern;
}

}  // namespace

RunningCommand::RunningCommand(const std::vector<std::string>& argv,
                               const CommandOptions& options) {
  stdin_path_ = temp_path("in");
  std::ofstream(stdin_path_) << options.stdin_text;
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  ProcessSpec spec;
  spec.argv = argv;
  spec.search_path = true;
  spec.env = options.env;
  spec.unset_env = options.unset_env;
  spec.working_dir = options.working_dir;
  const int in = ::open(stdin_path_.c_str(), O_RDONLY | O_CLOEXEC);
  const int null_out = options.discard_stdout ? ::open("/dev/null", O_WRONLY | O_CLOEXEC) : -1;
  spec.stdin_fd = in;
  spec.stdout_fd = options.discard_stdout ? null_out : out_pipe[1];
  spec.stderr_fd = err_pipe[1];
  std::string failure;
  try {
    pid_ = spawn_process(spec);
  } catch (const Error& e) {
    failure = e.what();  // as a shell says it: exit code 127, the reason on stderr
  }
  for (int fd : {in, null_out, out_pipe[1], err_pipe[1]})
    if (fd >= 0) ::close(fd);
  if (pid_ < 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    result_.exit_code = 127;
    result_.err = failure + "\n";
    finished_ = true;
    return;
  }
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
