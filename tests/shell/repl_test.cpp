// The interactive shell driven for real through a pseudo-terminal, as a
// person at a terminal would: readline editing, multi-line statements,
// the history file, Ctrl-C cancelling a running query, \q and Ctrl-D.
#include <gtest/gtest.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "shell_test_support.hpp"

namespace shell_test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// `sparkctl shell ARGS` on the slave side of a pty; everything it shows
// (echo included, "\r" dropped) collects in output().
class Terminal {
 public:
  explicit Terminal(const std::vector<std::string>& args) {
    std::vector<std::string> argv_strings = {SPARKCTL_BINARY, "shell"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    winsize size{40, 200, 0, 0};
    pid_ = ::forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ < 0) throw std::runtime_error("forkpty failed");
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : argv_strings) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::setenv("TERM", "dumb", 1);
      ::execv(SPARKCTL_BINARY, argv.data());
      ::_exit(127);
    }
    reader_ = std::thread([this] {
      char buffer[4096];
      for (ssize_t n; (n = ::read(master_, buffer, sizeof buffer)) > 0;) {
        std::lock_guard lock(mu_);
        for (ssize_t i = 0; i < n; ++i)
          if (buffer[i] != '\r') output_ += buffer[i];
      }
    });
  }
  ~Terminal() {
    if (!exited_) {
      ::kill(pid_, SIGKILL);
      wait_exit(10s);
    }
    if (reader_.joinable()) reader_.join();
    ::close(master_);
  }

  void type(const std::string& keys) {
    ASSERT_EQ(::write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
  }

  // Waits until `text` shows after position `from`; returns the position
  // just past it, or npos after `timeout`.
  size_t wait_for(const std::string& text, size_t from, std::chrono::milliseconds timeout = 60s) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        if (auto at = output_.find(text, std::min(from, output_.size())); at != std::string::npos)
          return at + text.size();
      }
      std::this_thread::sleep_for(20ms);
    }
    return std::string::npos;
  }

  std::string output() {
    std::lock_guard lock(mu_);
    return output_;
  }

  // Exit code, or -1 if still running after `timeout`.
  int wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    while (Clock::now() < deadline) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int master_ = -1;
  bool exited_ = false;
  std::thread reader_;
  std::mutex mu_;
  std::string output_;
};

// The positions of `needle` in `text` from `from` on.
int occurrences(const std::string& text, const std::string& needle, size_t from = 0) {
  int n = 0;
  for (size_t at = text.find(needle, from); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* repl_prompt = "spark> ";
constexpr const char* continuation_marker = "    -> ";

TEST(ShellRepl, MultiLineStatementErrorsHistoryAndQuit) {
  TempDir scratch;
  const auto history = scratch / "history";
  {
    Terminal t({"--remote", remote(), "--history-file", history.string()});
    size_t at = t.wait_for(repl_prompt, 0);
    ASSERT_NE(at, std::string::npos) << t.output();
    EXPECT_NE(t.output().find("sparkctl shell on Spark 4."), std::string::npos) << t.output();

    t.type("SELECT 1 AS a,\r");
    at = t.wait_for(continuation_marker, at);
    ASSERT_NE(at, std::string::npos) << t.output();
    t.type("  'x' AS b;\r");
    at = t.wait_for("+---+---+\n|a  |b  |\n+---+---+\n|1  |x  |\n+---+---+\n1 row in ", at);
    ASSERT_NE(at, std::string::npos) << t.output();
    at = t.wait_for(repl_prompt, at);
    ASSERT_NE(at, std::string::npos) << t.output();

    t.type("SELEC oops;\r");
    const size_t error_from = at;
    at = t.wait_for("error: [PARSE_SYNTAX_ERROR]", at);
    ASSERT_NE(at, std::string::npos) << t.output();
    at = t.wait_for(repl_prompt, at);
    ASSERT_NE(at, std::string::npos) << t.output();
    const std::string error_part = t.output().substr(error_from, at - error_from);
    // The echoed line, Spark's first line, a blank line, then the statement
    // with the caret under the spot.
    EXPECT_EQ(occurrences(error_part, "\n"), 6) << error_part;
    EXPECT_NE(error_part.find("== SQL =="), std::string::npos) << error_part;
    EXPECT_NE(error_part.find("^^^"), std::string::npos) << error_part;
    EXPECT_EQ(error_part.find("org.apache"), std::string::npos) << error_part;

    t.type("\\q\r");
    EXPECT_EQ(t.wait_exit(20s), 0) << t.output();
  }
  const std::string saved = read_file(history);
  EXPECT_NE(saved.find("SELECT 1 AS a,\n  'x' AS b;\n"), std::string::npos) << saved;
  EXPECT_NE(saved.find("SELEC oops;\n"), std::string::npos) << saved;
  EXPECT_EQ(saved.find("\\q"), std::string::npos) << saved;

  // A new shell starts with that history: Ctrl-P brings back the last line.
  Terminal again({"--remote", remote(), "--history-file", history.string()});
  size_t at = again.wait_for(repl_prompt, 0);
  ASSERT_NE(at, std::string::npos) << again.output();
  again.type("\x10\r");  // previous-history, accept-line
  at = again.wait_for("error: [PARSE_SYNTAX_ERROR]", at);
  EXPECT_NE(at, std::string::npos) << again.output();
  again.type("\x04");  // Ctrl-D on an empty line leaves
  EXPECT_EQ(again.wait_exit(20s), 0) << again.output();
}

TEST(ShellRepl, CtrlCCancelsTheRunningQueryAndTheShellGoesOn) {
  TempDir scratch;
  Terminal t({"--remote", remote(), "--history-file", (scratch / "history").string()});
  size_t at = t.wait_for(repl_prompt, 0);
  ASSERT_NE(at, std::string::npos) << t.output();

  // Ctrl-C at the prompt only drops the line being typed.
  t.type("SELECT garbage that never runs");
  at = t.wait_for("never runs", at);
  t.type("\x03");
  at = t.wait_for(repl_prompt, at);
  ASSERT_NE(at, std::string::npos) << t.output();
  t.type("SELECT 3 AS c;\r");
  at = t.wait_for("|c  |\n+---+\n|3  |", at);
  ASSERT_NE(at, std::string::npos) << t.output();
  at = t.wait_for(repl_prompt, at);

  // A query of minutes, cancelled after it has started on the server.
  t.type("SELECT count(*) FROM range(0, 100000000000) a;\r");
  std::this_thread::sleep_for(3s);
  EXPECT_EQ(t.output().find("error:", at), std::string::npos) << t.output();  // still running
  const auto pressed = Clock::now();
  t.type("\x03");
  at = t.wait_for("cancelling the statement", at, 10s);
  ASSERT_NE(at, std::string::npos) << t.output();
  at = t.wait_for("error: the Spark operation was interrupted\n", at, 60s);
  ASSERT_NE(at, std::string::npos) << t.output();
  const double seconds = std::chrono::duration<double>(Clock::now() - pressed).count();
  std::printf("Ctrl-C to the cancelled query's error: %.1fs\n", seconds);
  EXPECT_LT(seconds, 30.0);
  at = t.wait_for(repl_prompt, at);
  ASSERT_NE(at, std::string::npos) << t.output();

  // The shell is alive and answers.
  t.type("SELECT 2 AS b;\r");
  at = t.wait_for("|b  |\n+---+\n|2  |\n+---+\n1 row in ", at);
  ASSERT_NE(at, std::string::npos) << t.output();
  at = t.wait_for(repl_prompt, at);
  t.type("\\q\r");
  EXPECT_EQ(t.wait_exit(20s), 0) << t.output();
}

// Ctrl-C soon after Enter: it lands before the query reaches the server
// (or between the statement's calls) and must still cancel it. (Not at
// the same instant: the terminal raises SIGINT before the shell has read
// the Enter, and then it is a Ctrl-C at the prompt.)
TEST(ShellRepl, CtrlCRightAfterEnterStillCancels) {
  TempDir scratch;
  Terminal t({"--remote", remote(), "--history-file", (scratch / "history").string()});
  size_t at = t.wait_for(repl_prompt, 0);
  ASSERT_NE(at, std::string::npos) << t.output();
  for (int round = 0; round < 3; ++round) {
    t.type("SELECT count(*) FROM range(0, 100000000000) a;\r");
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + 150 * round));
    t.type("\x03");
    at = t.wait_for("error: the Spark operation was interrupted\n", at, 30s);
    ASSERT_NE(at, std::string::npos) << "round " << round << ":\n" << t.output();
    at = t.wait_for(repl_prompt, at);
  }
  // The cancelled jobs' tasks end at their next interruption check: on a
  // loaded machine the server's cores can stay busy with them a while.
  t.type("SELECT 2 AS b;\r");
  at = t.wait_for("|b  |\n+---+\n|2  |\n+---+\n1 row in ", at, 180s);
  ASSERT_NE(at, std::string::npos) << t.output();
  t.type("\\q\r");
  EXPECT_EQ(t.wait_exit(20s), 0) << t.output();
}

}  // namespace
}  // namespace shell_test
