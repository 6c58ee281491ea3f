// `sparkctl jobs`: the compiled-in jobs and their typed arguments.
#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/jobs/registry.hpp"

namespace sparkctl::cli {

namespace {

struct JobsOptions {
  std::string output = "table";
};

void print_json(const std::vector<const jobs::Job*>& list) {
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
  std::cout << out.dump(2) << "\n";
}

void print_text(const std::vector<const jobs::Job*>& list) {
  for (const jobs::Job* job : list) {
    std::cout << job->name << ": " << job->summary << "\n";
    if (job->args.empty()) {
      std::cout << "  (no arguments)\n\n";
      continue;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& arg : job->args) {
      rows.push_back({"  " + arg.key, config::type_name(arg.type),
                      arg.default_value.empty() ? "\"\"" : arg.default_value, arg.help});
    }
    print_table(std::cout, {"  ARGUMENT", "TYPE", "DEFAULT", "HELP"}, rows);
    std::cout << "\n";
  }
  std::cout << "Set arguments with: sparkctl run --job NAME --job-args key=value ...\n";
}

void add_jobs_command(CLI::App& root, GlobalOptions&) {
  auto options = std::make_shared<JobsOptions>();
  auto* command =
      root.add_subcommand("jobs", "List the compiled-in jobs with their typed arguments");
  command->add_option("-o,--output", options->output, "Output format")
      ->check(CLI::IsMember({"table", "json"}));
  command->callback([options] {
    const auto& list = jobs::all_jobs();
    if (options->output == "json") {
      print_json(list);
    } else {
      print_text(list);
    }
  });
}

const CommandRegistration registration({20, add_jobs_command});

}  // namespace

}  // namespace sparkctl::cli
