// The statement splitter: ';' ends a statement except inside quotes,
// backquoted names and comments; lines are fed as the REPL reads them.
#include "sparkctl/shell/statement_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparkctl::shell {
namespace {

using Statements = std::vector<std::string>;

// Feeds `lines`, then finish(): every statement in order.
Statements split(const Statements& lines) {
  StatementSplitter splitter;
  Statements out;
  for (const auto& line : lines)
    for (auto& statement : splitter.add_line(line)) out.push_back(std::move(statement));
  if (auto rest = splitter.finish(); !rest.empty()) out.push_back(rest);
  return out;
}

TEST(StatementSplitter, SeveralStatementsOnOneLine) {
  EXPECT_EQ(split({"SELECT 1; SELECT 2;SELECT 3"}),
            (Statements{"SELECT 1", "SELECT 2", "SELECT 3"}));
}

TEST(StatementSplitter, EmptyStatementsAreDropped) {
  EXPECT_EQ(split({";;  ; SELECT 1;;", "   ", ";"}), (Statements{"SELECT 1"}));
}

TEST(StatementSplitter, StatementOverSeveralLinesKeepsItsLineBreaks) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.add_line("SELECT id,").empty());
  EXPECT_TRUE(splitter.in_statement());
  EXPECT_TRUE(splitter.add_line("  name").empty());
  EXPECT_EQ(splitter.add_line("FROM t; SELECT"), (Statements{"SELECT id,\n  name\nFROM t"}));
  EXPECT_TRUE(splitter.in_statement());
  EXPECT_EQ(splitter.add_line("2;"), (Statements{"SELECT\n2"}));
  EXPECT_FALSE(splitter.in_statement());
}

TEST(StatementSplitter, SemicolonsInsideQuotesAndBackquotes) {
  EXPECT_EQ(split({"SELECT 'a;b', \"c;d\", `e;f` FROM t; SELECT 2"}),
            (Statements{"SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 2"}));
}

TEST(StatementSplitter, EscapedQuotesStayInsideTheString) {
  EXPECT_EQ(split({R"(SELECT 'it\'s; fine', "say \"x;\""; SELECT 2)"}),
            (Statements{R"(SELECT 'it\'s; fine', "say \"x;\"")", "SELECT 2"}));
}

TEST(StatementSplitter, StringsSpanLines) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.add_line("SELECT 'first;").empty());
  EXPECT_TRUE(splitter.in_statement());
  EXPECT_EQ(splitter.add_line("second' AS s;"), (Statements{"SELECT 'first;\nsecond' AS s"}));
}

TEST(StatementSplitter, LineCommentsEndAtTheLineEnd) {
  EXPECT_EQ(split({"SELECT 1 -- not here; nor here", "AS a; -- trailing", "-- only a comment;"}),
            (Statements{"SELECT 1 \nAS a"}));
  StatementSplitter splitter;
  splitter.add_line("-- a comment on its own");
  EXPECT_FALSE(splitter.in_statement());  // the prompt stays "spark> "
}

TEST(StatementSplitter, DashesInsideStringsAreNoComment) {
  EXPECT_EQ(split({"SELECT '--;' AS a; SELECT 2"}), (Statements{"SELECT '--;' AS a", "SELECT 2"}));
}

TEST(StatementSplitter, BlockCommentsSpanLinesAndHideSemicolons) {
  StatementSplitter splitter;
  EXPECT_TRUE(splitter.add_line("SELECT /* one; ").empty());
  EXPECT_TRUE(splitter.in_statement());
  EXPECT_EQ(splitter.add_line("two; */ 1; SELECT 2;"),
            (Statements{"SELECT /* one; \ntwo; */ 1", "SELECT 2"}));
  EXPECT_FALSE(splitter.in_statement());
}

TEST(StatementSplitter, FinishReturnsTheLastStatementWithoutSemicolon) {
  StatementSplitter splitter;
  EXPECT_EQ(splitter.add_line("SELECT 1; SELECT 2"), (Statements{"SELECT 1"}));
  EXPECT_EQ(splitter.finish(), "SELECT 2");
  EXPECT_FALSE(splitter.in_statement());
  EXPECT_EQ(splitter.finish(), "");
}

TEST(StatementSplitter, FinishForgetsAnUnclosedQuote) {
  StatementSplitter splitter;
  splitter.add_line("SELECT 'never closed;");
  EXPECT_EQ(splitter.finish(), "SELECT 'never closed;");
  EXPECT_EQ(splitter.add_line("SELECT 3;"), (Statements{"SELECT 3"}));
}

}  // namespace
}  // namespace sparkctl::shell
