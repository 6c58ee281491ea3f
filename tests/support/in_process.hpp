// Runs a sparkctl command line inside the test process, through the same
// top level as the binary (cli/top_level.hpp), with what it prints
// captured: the verbs write to the streams they are given. Logs (spdlog)
// still go to the process's stderr.
#pragma once

#include <string>
#include <vector>

#include "command_runner.hpp"

namespace sparkctl::testing {

// `options.env` and `options.unset_env` apply for the call only;
// `stdin_text` is the verb's input (not a terminal); `working_dir` and
// `discard_stdout` are not supported here.
CommandResult run_in_process(const std::vector<std::string>& args,
                             const CommandOptions& options = {});

}  // namespace sparkctl::testing
