// The usual end of a verb's add_<verb>_command: when the command line
// names the verb, its options take the streams the top level was given and
// `run(options, globals)` does the work.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "sparkctl/cli/command.hpp"

namespace sparkctl::cli {

template <class Options, class Run>
void run_verb_with(CLI::App& command, std::shared_ptr<Options> options, GlobalOptions& globals,
                   Run run) {
  command.callback([options, &globals, run] {
    options->io = globals.io;
    run(*options, globals);
  });
}

}  // namespace sparkctl::cli
