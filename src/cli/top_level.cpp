// The CLI's top level: global options, the verbs from the registry, and
// the one place where errors become a message and an exit code.
#include "sparkctl/cli/top_level.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <ostream>
#include <utility>

#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/logging.hpp"
#include "sparkctl/core/version.hpp"
#include "sparkctl/runtime/signals.hpp"

namespace sparkctl::cli {

namespace {

std::string version_text() {
  return std::string("sparkctl ") + sparkctl::version() + " (commit " + sparkctl::git_commit() +
         ")";
}

// The table of README.md's exit codes, by the kind of failure.
constexpr std::pair<ErrorKind, ExitCode> exit_codes[] = {
    {ErrorKind::usage, ExitCode::usage},
    {ErrorKind::job_failed, ExitCode::job_failed},
    {ErrorKind::cluster, ExitCode::cluster},
    {ErrorKind::interrupted, ExitCode::interrupted},
};

int code(ExitCode exit_code) { return static_cast<int>(exit_code); }

constexpr const char* internal_error_advice =
    " (a defect in sparkctl: please report it with the command you ran, its output with -vv, "
    "and `sparkctl --version`)";

void add_global_options(CLI::App& app, GlobalOptions& globals) {
  app.add_option("--config", globals.config_path,
                 "Config file (default: $SPARKCTL_CONFIG, ./config/conf.yaml, or the one beside "
                 "the binary)")
      ->capture_default_str();
  app.add_option("--set", globals.set_values,
                 "Override any config key, e.g. --set spark.master=local[2] (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("-v,--verbose", globals.verbose, "More log output on stderr (-vv for trace)");
  app.add_flag("-q,--quiet", globals.quiet, "Only warnings and errors on stderr");
}

}  // namespace

ExitCode exit_code_for(ErrorKind kind) {
  for (const auto& [error_kind, exit_code] : exit_codes) {
    if (error_kind == kind) return exit_code;
  }
  return ExitCode::internal;
}

ExitCode report_failure(const std::exception_ptr& failure, std::ostream& err) {
  try {
    std::rethrow_exception(failure);
  } catch (const Error& e) {
    err << "sparkctl: error: " << e.what() << "\n";
    return exit_code_for(e.kind());
  } catch (const std::exception& e) {
    err << "sparkctl: internal error: " << e.what() << internal_error_advice << "\n";
  } catch (...) {
    err << "sparkctl: internal error: an unknown exception" << internal_error_advice << "\n";
  }
  return ExitCode::internal;
}

int run_command_line(int argc, const char* const* argv, const IOStreams& io) {
  std::ostream& out = *io.out;
  std::ostream& err = *io.err;
  CLI::App app{
      "sparkctl: run Apache Spark jobs locally through Spark Connect and on Kubernetes "
      "through the spark-operator.\nExit codes: 0 ok, 1 job/application failed, 2 usage "
      "or config error, 3 cluster/API/server error, 70 internal error, 130 interrupted.",
      "sparkctl"};
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default();
  app.set_version_flag("--version", version_text(), "Print the version and git commit, then exit");

  GlobalOptions globals;
  globals.io = io;
  add_global_options(app, globals);
  auto commands = registered_commands();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& command : commands) command.add(app, globals);
  app.parse_complete_callback([&] {
    setup_logging(globals.verbose, globals.quiet, err);
    const auto verbs = app.get_subcommands();
    if (!globals.application_arguments.empty() &&
        (verbs.empty() || verbs.front()->get_option_no_throw("arguments") == nullptr))
      throw Error::usage(
          "arguments after `--` are an application's: run, render, submit or "
          "schedule APP.py|APP.jar -- ARGS");
  });
  // Log lines go to `err` during the call; a caller's stream (a test's)
  // must not be written to after the call returns.
  struct LogToStderrAfterwards {
    std::ostream& err;
    ~LogToStderrAfterwards() {
      if (&err != &std::cerr) setup_logging(0, false, std::cerr);
    }
  } log_to_stderr_afterwards{err};
  // A second Ctrl-C ends the process from the signal thread, past this function.
  runtime::Interrupts::set_exit_status(code(ExitCode::interrupted));

  // CLI11 2.1 hands what follows `--` in a subcommand to the parent when
  // the subcommand falls through (for global options after the verb), so
  // an application's arguments are taken off before parsing. The container
  // entrypoint keeps its arguments whole: they are Spark's.
  std::vector<std::string> words(argv + 1, argv + argc);
  const auto dash = std::find(words.begin(), words.end(), "--");
  if (dash != words.end() && std::find(words.begin(), dash, "entrypoint") == dash) {
    globals.application_arguments.assign(dash + 1, words.end());
    words.erase(dash, words.end());
  }
  std::reverse(words.begin(), words.end());  // CLI11 takes them backwards

  try {
    app.parse(words);
  } catch (const CLI::Success& e) {
    return app.exit(e, out, err);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e, out, err);
    return code(ExitCode::usage);
  } catch (...) {
    return code(report_failure(std::current_exception(), err));
  }
  if (globals.passed_on_status) return *globals.passed_on_status;
  if (globals.reported_failure) return code(exit_code_for(*globals.reported_failure));
  return code(ExitCode::ok);
}

}  // namespace sparkctl::cli
