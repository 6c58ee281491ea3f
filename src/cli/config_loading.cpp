#include <algorithm>

#include "sparkctl/cli/command.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/jobs/registry.hpp"

namespace sparkctl::cli {

config::Config load_config(const GlobalOptions& globals,
                           std::vector<config::Override> verb_overrides) {
  config::LoadRequest request;
  request.config_path = globals.config_path;
  for (const auto& word : globals.set_values) {
    auto [key, value] = config::parse_assignment(word, "--set");
    request.overrides.push_back({key, value, "--set " + key});
  }
  for (auto& override_value : verb_overrides)
    request.overrides.push_back(std::move(override_value));
  return config::load(jobs::full_schema(), request);
}

std::vector<config::Override> job_arg_overrides(const std::string& job_name,
                                                const std::vector<std::string>& job_args) {
  const jobs::Job& job = jobs::find_job(job_name);
  std::vector<std::string> valid;
  for (const auto& arg : job.args) valid.push_back(arg.key);

  std::vector<config::Override> overrides;
  for (const auto& word : job_args) {
    auto [key, value] = config::parse_assignment(word, "--job-args");
    if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
      std::string message = "--job-args: job '" + job_name + "' has no argument '" + key + "'";
      auto suggestion = strings::closest(key, valid);
      if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
      message +=
          valid.empty() ? "; it takes no arguments" : "; valid: " + strings::join(valid, ", ");
      throw Error::usage(message);
    }
    overrides.push_back({config::keys::job_argument(job_name, key), value, "--job-args " + key});
  }
  return overrides;
}

}  // namespace sparkctl::cli
