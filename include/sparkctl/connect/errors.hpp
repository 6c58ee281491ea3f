// Errors reported by the Spark Connect server become one typed error that
// keeps what Spark said: its error class (PARSE_SYNTAX_ERROR,
// UNRESOLVED_COLUMN.WITH_SUGGESTION, ...), SQL state and message. what()
// is the message's first line, fit for "sparkctl: <message>"; the full
// text (with the SQL excerpt and caret) stays available in message().
#pragma once

#include <string>

#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

class SparkError : public sparkctl::Error {
 public:
  SparkError(std::string error_class, std::string sql_state, std::string message);

  const std::string& error_class() const { return error_class_; }  // may be empty
  const std::string& sql_state() const { return sql_state_; }      // may be empty
  const std::string& message() const { return message_; }          // full, multi-line

 private:
  std::string error_class_;
  std::string sql_state_;
  std::string message_;
};

}  // namespace sparkctl::connect
