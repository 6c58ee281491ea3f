#include "sparkctl/cli/registry.hpp"

namespace sparkctl::cli {

namespace {
// A function-local static: registrations run during static initialisation,
// in no particular order across files.
std::vector<CommandSpec>& table() {
  static std::vector<CommandSpec> commands;
  return commands;
}
}  // namespace

CommandRegistration::CommandRegistration(CommandSpec spec) { table().push_back(std::move(spec)); }

const std::vector<CommandSpec>& registered_commands() { return table(); }

}  // namespace sparkctl::cli
