#include "in_process.hpp"

#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "sparkctl/cli/top_level.hpp"

namespace sparkctl::testing {

namespace {

// Sets and unsets variables, and puts them back as they were.
class EnvironmentChange {
 public:
  explicit EnvironmentChange(const CommandOptions& options) {
    for (const auto& name : options.unset_env) {
      save(name);
      ::unsetenv(name.c_str());
    }
    for (const auto& [name, value] : options.env) {
      save(name);
      ::setenv(name.c_str(), value.c_str(), 1);
    }
  }
  ~EnvironmentChange() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  EnvironmentChange(const EnvironmentChange&) = delete;
  EnvironmentChange& operator=(const EnvironmentChange&) = delete;

 private:
  void save(const std::string& name) {
    if (saved_.count(name)) return;
    const char* value = std::getenv(name.c_str());
    saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace

CommandResult run_in_process(const std::vector<std::string>& args, const CommandOptions& options) {
  if (!options.working_dir.empty() || options.discard_stdout)
    throw std::logic_error(
        "run_in_process: working_dir and discard_stdout need a process (run_sparkctl)");
  const EnvironmentChange environment(options);
  std::vector<const char*> argv = {"sparkctl"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  std::istringstream in(options.stdin_text);
  CommandResult result;
  result.exit_code =
      cli::run_command_line(static_cast<int>(argv.size()), argv.data(), {&out, &err, &in});
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace sparkctl::testing
