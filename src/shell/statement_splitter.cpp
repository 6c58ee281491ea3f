#include "sparkctl/shell/statement_splitter.hpp"

#include "sparkctl/core/strings.hpp"

namespace sparkctl::shell {

std::vector<std::string> StatementSplitter::add_line(const std::string& line) {
  std::vector<std::string> done;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const char next = i + 1 < line.size() ? line[i + 1] : '\0';
    if (block_comment_) {
      pending_ += c;
      if (c == '*' && next == '/') {
        pending_ += next;
        ++i;
        block_comment_ = false;
      }
      continue;
    }
    if (quote_) {
      pending_ += c;
      if (c == '\\' && quote_ != '`' && next) {  // an escaped character inside a string
        pending_ += next;
        ++i;
      } else if (c == quote_) {
        quote_ = 0;
      }
      continue;
    }
    if (c == '-' && next == '-') break;  // the rest of the line is a comment
    if (c == '/' && next == '*') {
      block_comment_ = true;
      pending_ += "/*";
      ++i;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') quote_ = c;
    if (c == ';') {
      auto statement = strings::trim(pending_);
      if (!statement.empty()) done.push_back(statement);
      pending_.clear();
      continue;
    }
    pending_ += c;
  }
  pending_ += '\n';
  return done;
}

std::string StatementSplitter::finish() {
  auto rest = strings::trim(pending_);
  pending_.clear();
  quote_ = 0;
  block_comment_ = false;
  return rest;
}

bool StatementSplitter::in_statement() const {
  return quote_ != 0 || block_comment_ || !strings::trim(pending_).empty();
}

}  // namespace sparkctl::shell
