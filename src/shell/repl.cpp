// The interactive loop. Ctrl-C at the prompt drops the line being typed;
// during a statement it interrupts the statement on the server (Spark
// Connect Interrupt) and the shell stays. SIGINT is handled in a signal
// handler that only writes to a pipe; a watcher thread turns that into the
// interrupt call, which is not async-signal-safe.
#include <fcntl.h>
#include <pthread.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "batch.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/shell/statement_splitter.hpp"

namespace sparkctl::shell {

namespace {

constexpr int history_lines = 2000;  // the history file keeps the newest lines
int interrupt_pipe[2] = {-1, -1};
std::atomic<bool> statement_running{false};
pthread_t repl_thread;

void on_sigint(int) {
  // readline lives on the REPL's thread; a SIGINT that landed on another
  // thread (one started before SIGINT was blocked) is passed on to it.
  if (!pthread_equal(pthread_self(), repl_thread)) {
    ::pthread_kill(repl_thread, SIGINT);
    return;
  }
  if (statement_running.load()) {
    char byte = 'i';
    [[maybe_unused]] auto n = ::write(interrupt_pipe[1], &byte, 1);
    return;
  }
  // At the prompt: throw away the partial line, as shells do.
  [[maybe_unused]] auto n = ::write(STDOUT_FILENO, "\n", 1);
  rl_replace_line("", 0);
  rl_on_new_line();
  rl_redisplay();
}

std::string default_history_file() {
  std::string dir;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    dir = std::string(state) + "/sparkctl";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.local/state/sparkctl";
  } else {
    return {};
  }
  std::string partial;
  for (const auto& part : strings::split(dir, '/')) {
    partial += part + "/";
    ::mkdir(partial.c_str(), 0700);
  }
  return dir + "/history";
}

// readline appends to the history file only when it exists.
void create_history_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}

class InterruptWatcher {
 public:
  InterruptWatcher(connect::Session& spark, std::ostream& err) {
    repl_thread = ::pthread_self();
    if (::pipe2(interrupt_pipe, O_CLOEXEC) != 0)
      throw Error::cluster("cannot create a pipe for Ctrl-C handling");
    thread_ = std::thread([&spark, &err] {
      char byte;
      while (::read(interrupt_pipe[0], &byte, 1) == 1 && byte == 'i') {
        err << "\ncancelling the statement...\n";
        try {
          spark.interrupt_all();
        } catch (const std::exception&) {
          // The statement ends either way; the shell reports its outcome.
        }
      }
    });
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous_);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  }
  ~InterruptWatcher() {
    ::sigaction(SIGINT, &previous_, nullptr);
    char stop = 'q';
    [[maybe_unused]] auto n = ::write(interrupt_pipe[1], &stop, 1);
    thread_.join();
    ::close(interrupt_pipe[0]);
    ::close(interrupt_pipe[1]);
  }

 private:
  std::thread thread_;
  struct sigaction previous_ {};
};

void execute(connect::Session& spark, const std::string& statement, const ShellOptions& options,
             std::ostream& out, std::ostream& err) {
  spark.clear_interrupt();  // a Ctrl-C of the previous statement is spent
  statement_running = true;
  try {
    run_statement(spark, statement, options, out);
  } catch (const std::exception& e) {
    // One clear line (a SparkError's what() is the first line of Spark's
    // message); the shell goes on.
    out.flush();
    err << "error: " << e.what() << "\n";
  }
  statement_running = false;
}

}  // namespace

int run_repl(connect::Session& spark, const ShellOptions& options, std::ostream& out,
             std::ostream& err) {
  const std::string history =
      options.history_file.empty() ? default_history_file() : options.history_file;
  if (!history.empty()) {
    create_history_file(history);
    ::read_history(history.c_str());
  }
  rl_catch_signals = 0;  // our handler decides what Ctrl-C means
  InterruptWatcher watcher(spark, err);

  err << "sparkctl shell on Spark " << spark.spark_version()
      << ". End statements with ';'. \\q or Ctrl-D to leave, Ctrl-C cancels a running statement.\n";
  StatementSplitter splitter;
  while (true) {
    char* raw = ::readline(splitter.in_statement() ? "    -> " : "spark> ");
    if (raw == nullptr) break;  // Ctrl-D
    std::string line(raw);
    std::free(raw);
    const auto trimmed = strings::trim(line);
    if (!splitter.in_statement() && (trimmed == "\\q" || trimmed == "quit" || trimmed == "exit"))
      break;
    if (!trimmed.empty()) {
      ::add_history(line.c_str());
      if (!history.empty()) ::append_history(1, history.c_str());
    }
    for (const auto& statement : splitter.add_line(line))
      execute(spark, statement, options, out, err);
  }
  if (!history.empty()) ::history_truncate_file(history.c_str(), history_lines);
  err << "\n";
  return 0;
}

}  // namespace sparkctl::shell
