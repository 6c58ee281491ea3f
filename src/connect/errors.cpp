#include "sparkctl/connect/errors.hpp"

#include <utility>

namespace sparkctl::connect {
namespace {

// "[CLASS] text\n\n== SQL ==\n..." -> "[CLASS] text"; the class is added
// when Spark's text does not already start with it.
std::string one_line(const std::string& error_class, const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  if (line.empty()) line = "Spark reported an error without a message";
  if (!error_class.empty() && line.rfind("[" + error_class + "]", 0) != 0) {
    line = "[" + error_class + "] " + line;
  }
  return line;
}

}  // namespace

SparkError::SparkError(std::string error_class, std::string sql_state, std::string message)
    : sparkctl::Error(ExitCode::job_failed, one_line(error_class, message)),
      error_class_(std::move(error_class)),
      sql_state_(std::move(sql_state)),
      message_(std::move(message)) {}

}  // namespace sparkctl::connect
