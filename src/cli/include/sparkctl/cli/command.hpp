// What every verb shares. Each verb lives in src/cli/<verb>_command.cpp and
// registers its `add_<verb>_command(CLI::App&, GlobalOptions&)` with the
// table of verbs (registry.hpp). A verb's callback reports failure by
// throwing sparkctl::Error, or sets `reported_failure` when it already told
// the user what happened; the top level (top_level.hpp) picks the exit code.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/core/error.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

// Where a verb writes: results to `out`, what people read to `err` (logs
// go to spdlog); and where it reads (the shell's statements): `in`, with
// `terminal` when that is the process's stdin on a terminal. main() passes
// the process's; in-process tests pass strings.
struct IOStreams {
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  std::istream* in = nullptr;
  bool terminal = false;
};

struct GlobalOptions {
  IOStreams io;
  std::string config_path;              // --config
  std::vector<std::string> set_values;  // --set key=value (any config key)
  int verbose = 0;                      // -v (repeatable)
  bool quiet = false;                   // -q
  // The kind of failure a verb has already reported in its own words.
  std::optional<ErrorKind> reported_failure;
  // `entrypoint`: the exit status of the container's role, passed on as it is.
  std::optional<int> passed_on_status;
  // What follows `--`: the arguments of the user's application (`run app.py
  // -- --date X`), for a verb with the positional "arguments"
  // (application_flags.hpp); the top level refuses them for any other.
  std::vector<std::string> application_arguments;
};

// Loads the merged configuration for a verb: the file, environment,
// `--set` values, then the verb's own overrides (e.g. --job-args, -n).
config::Config load_config(const GlobalOptions& globals,
                           std::vector<config::Override> verb_overrides = {});

// Turns `--job-args k=v ...` into overrides of jobs.<job>.<k>; unknown keys
// and words without '=' are usage errors naming the valid keys.
std::vector<config::Override> job_arg_overrides(const std::string& job,
                                                const std::vector<std::string>& job_args);

}  // namespace sparkctl::cli
