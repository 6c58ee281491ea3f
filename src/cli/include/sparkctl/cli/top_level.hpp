// The CLI's top level: the one place where a failure becomes an exit code
// and a one-line message. Layers below throw sparkctl::Error of a kind
// (core/error.hpp) and never name an exit code; README's table lists them.
#pragma once

#include <exception>
#include <iosfwd>

#include "sparkctl/cli/command.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::cli {

enum class ExitCode : int {
  ok = 0,
  job_failed = 1,     // the job or the Spark application failed
  usage = 2,          // bad command line, config key or value, unknown job or argument
  cluster = 3,        // Spark server, Kubernetes API, transport or protocol; timeouts
  internal = 70,      // a defect in sparkctl (EX_SOFTWARE of sysexits.h)
  interrupted = 130,  // SIGINT / SIGTERM (128 + SIGINT, as shells report it)
};

ExitCode exit_code_for(ErrorKind kind);

// What escaped a verb, as its exit code, with one line on `err`:
// sparkctl::Error by its kind, anything else as an internal error that
// says how to report it.
ExitCode report_failure(const std::exception_ptr& failure, std::ostream& err);

// Parses the command line, runs the verb and reports its failure; main()
// is this with the process's streams (`io.out`, `io.err` and `io.in` set).
int run_command_line(int argc, const char* const* argv, const IOStreams& io);

}  // namespace sparkctl::cli
