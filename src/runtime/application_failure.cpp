#include "sparkctl/runtime/application_failure.hpp"

#include "sparkctl/core/strings.hpp"

namespace sparkctl::runtime {

namespace {

constexpr std::size_t max_cause = 300;

bool mentions_classic_api(const std::string& line) {
  // pyspark's error classes for SparkContext and JVM attributes on a Connect session.
  return line.find("JVM_ATTRIBUTE_NOT_SUPPORTED") != std::string::npos ||
         line.find("CONTEXT_UNAVAILABLE_FOR_REMOTE_CLIENT") != std::string::npos;
}

// The exception line that ends the last Python traceback: the first line
// after it that is not a frame (frames and their source are indented).
// A traceback inside a message (pyspark's "[PYTHON_EXCEPTION] ... Traceback
// (most recent call last):") counts too: it is the innermost.
std::string python_cause(const std::vector<std::string>& lines, bool whole_if_no_traceback) {
  std::size_t start = whole_if_no_traceback ? 0 : lines.size();
  for (std::size_t i = lines.size(); i-- > 0;) {
    if (lines[i].find("Traceback (most recent call last)") != std::string::npos) {
      start = i + 1;
      break;
    }
  }
  for (std::size_t i = start; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '^') continue;
    // pyspark's errors from the server carry their message on the lines
    // below ("PythonException: " then the worker's own traceback): the
    // innermost exception line says what happened.
    if (strings::ends_with(strings::trim(line), ":")) {
      const std::string inner = python_cause({lines.begin() + i + 1, lines.end()}, true);
      if (!inner.empty()) return inner;
    }
    return line;
  }
  return "";
}

// `Exception in thread "main" java.lang.IllegalStateException: boom`.
std::string jvm_cause(const std::vector<std::string>& lines) {
  static const std::string main_thread = "Exception in thread \"main\" ";
  for (std::size_t i = lines.size(); i-- > 0;) {
    const auto at = lines[i].find(main_thread);
    if (at != std::string::npos) return lines[i].substr(at + main_thread.size());
  }
  return "";
}

}  // namespace

ApplicationFailure read_application_failure(const std::vector<std::string>& stderr_lines) {
  ApplicationFailure failure;
  for (const auto& line : stderr_lines)
    if (mentions_classic_api(line)) failure.needs_classic_api = true;
  failure.cause = python_cause(stderr_lines, false);
  if (failure.cause.empty()) failure.cause = jvm_cause(stderr_lines);
  failure.cause = strings::trim(failure.cause);
  if (failure.cause.size() > max_cause) failure.cause = failure.cause.substr(0, max_cause) + "...";
  return failure;
}

}  // namespace sparkctl::runtime
