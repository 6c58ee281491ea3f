// `sparkctl jobs`: the compiled-in jobs and their typed arguments.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/jobs/registry.hpp"

namespace sparkctl::cli {

namespace {

struct JobsOptions {
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

void print_json(std::ostream& stream, const std::vector<const jobs::Job*>& list) {
  auto out = nlohmann::json::array();
  for (const jobs::Job* job : list) {
    auto args = nlohmann::json::array();
    for (const auto& arg : job->args) {
      args.push_back({{"name", arg.key},
                      {"type", config::type_name(arg.type)},
                      {"default", arg.default_value},
                      {"accepts", config::expectation(arg)},
                      {"help", arg.help}});
    }
    out.push_back({{"name", job->name}, {"summary", job->summary}, {"args", args}});
  }
  stream << out.dump(2) << "\n";
}

void print_text(std::ostream& out, const std::vector<const jobs::Job*>& list) {
  for (const jobs::Job* job : list) {
    out << job->name << ": " << job->summary << "\n";
    if (job->args.empty()) {
      out << "  (no arguments)\n\n";
      continue;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& arg : job->args) {
      rows.push_back({"  " + arg.key, config::type_name(arg.type),
                      arg.default_value.empty() ? "\"\"" : arg.default_value, arg.help});
    }
    print_table(out, {"  ARGUMENT", "TYPE", "DEFAULT", "HELP"}, rows);
    out << "\n";
  }
  out << "Set arguments with: sparkctl run --job NAME --job-args key=value ...\n";
}

void add_jobs_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<JobsOptions>();
  auto* command =
      root.add_subcommand("jobs", "List the compiled-in jobs with their typed arguments");
  add_output_flag(*command, options->output, {OutputFormat::table, OutputFormat::json});
  command->callback([options, &globals] {
    options->io = globals.io;
    const auto& list = jobs::all_jobs();
    if (options->output == OutputFormat::json) {
      print_json(*options->io.out, list);
    } else {
      print_text(*options->io.out, list);
    }
  });
}

const CommandRegistration registration({20, add_jobs_command});

}  // namespace

}  // namespace sparkctl::cli
