#include "sparkctl/connect/errors.hpp"

#include <utility>

namespace sparkctl::connect {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// The first line with text: a parse error's message starts with a newline.
std::string headline(const std::string& error_class, const std::string& message) {
  std::string line;
  for (size_t start = 0; start < message.size() && line.empty();) {
    size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    line = trimmed(message.substr(start, end - start));
    start = end + 1;
  }
  if (line.empty()) line = "Spark reported an error without a message";
  if (!error_class.empty() && line.rfind("[" + error_class + "]", 0) != 0) {
    line = "[" + error_class + "] " + line;
  }
  return line;
}

// The SQL excerpt with its caret: Spark's query context, or the "== SQL =="
// block a parse error's message ends with.
std::string excerpt(const std::string& message, const std::string& query_context) {
  if (!query_context.empty()) return trimmed(query_context);
  const size_t sql = message.find("\n== SQL ==\n");
  if (sql == std::string::npos) return "";
  const size_t caused_by = message.find("\ncaused by: ", sql);
  return trimmed(message.substr(
      sql + 1, caused_by == std::string::npos ? std::string::npos : caused_by - sql - 1));
}

std::string what_of(const std::string& error_class, const std::string& message,
                    const std::string& query_context) {
  std::string text = headline(error_class, message);
  const std::string sql = excerpt(message, query_context);
  if (!sql.empty()) text += "\n\n" + sql;
  return text;
}

}  // namespace

SparkError::SparkError(std::string error_class, std::string sql_state, std::string message,
                       std::string query_context)
    : sparkctl::Error(ErrorKind::job_failed, what_of(error_class, message, query_context)),
      error_class_(std::move(error_class)),
      sql_state_(std::move(sql_state)),
      message_(std::move(message)) {}

}  // namespace sparkctl::connect
