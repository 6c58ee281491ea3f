// sparkctl's entry point: global options, the verbs from the registry, and
// the one place where errors become a message and an exit code.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/logging.hpp"
#include "sparkctl/core/version.hpp"

namespace {

std::string version_text() {
  return std::string("sparkctl ") + sparkctl::version() + " (commit " + sparkctl::git_commit() +
         ")";
}

void report(const std::string& message) { std::cerr << "sparkctl: error: " << message << "\n"; }

}  // namespace

int main(int argc, char** argv) {
  using sparkctl::cli::GlobalOptions;
  CLI::App app{
      "sparkctl: run Apache Spark jobs locally through Spark Connect and on Kubernetes "
      "through the spark-operator.\nExit codes: 0 ok, 1 job/application failed, 2 usage "
      "or config error, 3 cluster/API/server error, 130 interrupted.",
      "sparkctl"};
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default();
  app.set_version_flag("--version", version_text(), "Print the version and git commit, then exit");

  GlobalOptions globals;
  app.add_option("--config", globals.config_path,
                 "Config file (default: $SPARKCTL_CONFIG, ./config/conf.yaml, or the one beside "
                 "the binary)")
      ->capture_default_str();
  app.add_option("--set", globals.set_values,
                 "Override any config key, e.g. --set spark.master=local[2] (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("-v,--verbose", globals.verbose, "More log output on stderr (-vv for trace)");
  app.add_flag("-q,--quiet", globals.quiet, "Only warnings and errors on stderr");

  auto commands = sparkctl::cli::registered_commands();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& command : commands) command.add(app, globals);

  app.parse_complete_callback([&] { sparkctl::setup_logging(globals.verbose, globals.quiet); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(sparkctl::ExitCode::usage);
  } catch (const sparkctl::Error& e) {
    report(e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    // A foreign exception escaping a verb is a sparkctl bug; still one line.
    report(std::string("internal error: ") + e.what());
    return static_cast<int>(sparkctl::ExitCode::cluster);
  }
  return globals.exit_code;
}
