// What every verb shares. Each verb lives in src/cli/<verb>.cpp and exposes
// one `add_<verb>_command(CLI::App&, GlobalOptions&)`; src/cli/main.cpp
// lists them. A verb's callback reports failure by throwing sparkctl::Error,
// or sets `exit_code` when it already told the user what happened.
#pragma once

#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

struct GlobalOptions {
  std::string config_path;              // --config
  std::vector<std::string> set_values;  // --set key=value (any config key)
  int verbose = 0;                      // -v (repeatable)
  bool quiet = false;                   // -q
  int exit_code = 0;
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
