#include "command_runner.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace sparkctl::testing {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string temp_path(const char* tag) {
  std::string pattern = "/tmp/sparkctl-test-" + std::string(tag) + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return pattern;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, const CommandOptions& options) {
  const auto out_path = temp_path("out");
  const auto err_path = temp_path("err");
  const auto in_path = temp_path("in");
  std::ofstream(in_path) << options.stdin_text;

  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& name : options.unset_env) ::unsetenv(name.c_str());
    for (const auto& [name, value] : options.env) ::setenv(name.c_str(), value.c_str(), 1);
    if (!options.working_dir.empty() && ::chdir(options.working_dir.c_str()) != 0) ::_exit(126);
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(options.discard_stdout ? "/dev/null" : out_path.c_str(), O_WRONLY | O_TRUNC);
    int err = ::open(err_path.c_str(), O_WRONLY | O_TRUNC);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0) {
  }
  CommandResult result;
  result.peak_rss_kib = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  ::unlink(out_path.c_str());
  ::unlink(err_path.c_str());
  ::unlink(in_path.c_str());
  return result;
}

CommandResult run_sparkctl(const std::vector<std::string>& args, const CommandOptions& options) {
  std::vector<std::string> argv{SPARKCTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, options);
}

}  // namespace sparkctl::testing
