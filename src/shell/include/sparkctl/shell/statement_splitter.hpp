// Splits SQL typed over several lines into statements at ';' — but not at
// a ';' inside quotes, backquoted names or comments.
#pragma once

#include <string>
#include <vector>

namespace sparkctl::shell {

class StatementSplitter {
 public:
  // Adds one line; returns the statements it completed (trimmed, without ';').
  std::vector<std::string> add_line(const std::string& line);
  // What is left when input ends (a last statement without ';'), trimmed.
  std::string finish();
  // True while a statement is open (the prompt shows a continuation).
  bool in_statement() const;

 private:
  std::string pending_;
  char quote_ = 0;  // ' " or ` while inside one
  bool block_comment_ = false;
};

}  // namespace sparkctl::shell
