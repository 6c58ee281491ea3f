// Errors reported by the Spark Connect server become one typed error that
// keeps what Spark said: its error class (PARSE_SYNTAX_ERROR,
// UNRESOLVED_COLUMN.WITH_SUGGESTION, ...), SQL state and message.
//
// what() is what a user needs to fix the query, as Spark writes it: the
// message's first line (with its SQLSTATE and position), then the SQL
// excerpt with the caret under the offending spot when Spark gave one:
//
//   [PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 (line 1, pos 10)
//
//   == SQL ==
//   SELECT 1 +
//   ----------^^^
//
// The plan dump some messages carry stays out of what(); message() keeps
// the full text (and the causes Spark reported).
#pragma once

#include <string>

#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

class SparkError : public sparkctl::Error {
 public:
  // `query_context` is Spark's excerpt of the query with its pointer
  // ("== SQL (line 1, position 8) ==\n..."), "" when it sent none.
  SparkError(std::string error_class, std::string sql_state, std::string message,
             std::string query_context = "");

  const std::string& error_class() const { return error_class_; }  // may be empty
  const std::string& sql_state() const { return sql_state_; }      // may be empty
  const std::string& message() const { return message_; }          // full, multi-line

 private:
  std::string error_class_;
  std::string sql_state_;
  std::string message_;
};

}  // namespace sparkctl::connect
