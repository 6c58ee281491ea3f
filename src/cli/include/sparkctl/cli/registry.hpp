// The table of verbs. Each src/cli/<verb>.cpp registers itself with one
// static `CommandRegistration`, so adding a verb touches only its own file;
// `order` fixes where it appears in `sparkctl --help`.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sparkctl/cli/command.hpp"

namespace sparkctl::cli {

struct CommandSpec {
  int order = 100;  // help listing order: run 10, jobs 20, config 30, server 40, k8s verbs 50+
  std::function<void(CLI::App& root, GlobalOptions& globals)> add;
};

class CommandRegistration {
 public:
  explicit CommandRegistration(CommandSpec spec);
};

const std::vector<CommandSpec>& registered_commands();

}  // namespace sparkctl::cli
