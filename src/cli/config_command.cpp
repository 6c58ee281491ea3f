// `sparkctl config show`: the merged configuration and, for every value,
// where it came from (default, file:line, env variable, flag). Secrets are
// masked here as everywhere. `sparkctl config get KEY`: one value, bare,
// for scripts (the image build reads spark.version with it).
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/duration.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/jobs/registry.hpp"

namespace sparkctl::cli {

namespace {

struct ShowOptions {
  std::string job;
  std::vector<std::string> job_args;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

bool shown(const config::Entry& entry, const std::string& job) {
  const auto& key = entry.item->key;
  if (!strings::starts_with(key, "jobs.")) return true;
  return job.empty() || strings::starts_with(key, "jobs." + job + ".");
}

std::string masked(const config::Entry& entry, const std::string& text) {
  if (entry.item->type == config::ValueType::secret && !text.empty()) return "****";
  return text;
}

std::string as_text(const config::Entry& entry) {
  return std::visit(
      [&](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return masked(entry, value);
        } else if constexpr (std::is_same_v<T, bool>) {
          return value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(value);
        } else if constexpr (std::is_same_v<T, std::chrono::seconds>) {
          return canonical_duration(value);
        } else {
          std::vector<std::string> pairs;
          for (const auto& [k, v] : value) pairs.push_back(k + "=" + v);
          return strings::join(pairs, ",");
        }
      },
      entry.value);
}

nlohmann::json as_json(const config::Entry& entry) {
  return std::visit(
      [&](const auto& value) -> nlohmann::json {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return masked(entry, value);
        } else if constexpr (std::is_same_v<T, std::chrono::seconds>) {
          return canonical_duration(value);
        } else {
          return value;
        }
      },
      entry.value);
}

void print_json(std::ostream& stream, const config::Config& config, const std::string& job) {
  auto out = nlohmann::json::array();
  for (const auto& entry : config.entries()) {
    if (!shown(entry, job)) continue;
    out.push_back({{"key", entry.item->key},
                   {"value", as_json(entry)},
                   {"type", config::type_name(entry.item->type)},
                   {"origin", entry.origin.describe()}});
  }
  stream << out.dump(2) << "\n";
}

// YAML in the shape of config/conf.yaml, each value with its origin as a
// comment, so the output can be pasted back as a config file.
struct YamlTree {
  std::vector<std::pair<std::string, YamlTree>> children;
  const config::Entry* entry = nullptr;

  YamlTree& child(const std::string& name) {
    for (auto& [key, tree] : children) {
      if (key == name) return tree;
    }
    children.emplace_back(name, YamlTree{});
    return children.back().second;
  }
};

void emit(YAML::Emitter& out, const YamlTree& tree) {
  out << YAML::BeginMap;
  for (const auto& [name, node] : tree.children) {
    out << YAML::Key << name << YAML::Value;
    if (node.entry == nullptr) {
      emit(out, node);
      continue;
    }
    const auto& entry = *node.entry;
    if (const auto* map = std::get_if<config::StringMap>(&entry.value)) {
      out << YAML::BeginMap;
      for (const auto& [k, v] : *map) out << YAML::Key << k << YAML::Value << v;
      out << YAML::EndMap;
    } else if (std::holds_alternative<std::string>(entry.value)) {
      out << YAML::DoubleQuoted << as_text(entry);
    } else {
      out << as_text(entry);
    }
    out << YAML::Comment(entry.origin.describe());
  }
  out << YAML::EndMap;
}

void print_yaml(std::ostream& stream, const config::Config& config, const std::string& job) {
  YamlTree root;
  for (const auto& entry : config.entries()) {
    if (!shown(entry, job)) continue;
    YamlTree* node = &root;
    for (const auto& part : strings::split(entry.item->key, '.')) node = &node->child(part);
    node->entry = &entry;
  }
  YAML::Emitter out;
  emit(out, root);
  stream << out.c_str() << "\n";
}

void print_table(std::ostream& stream, const config::Config& config, const std::string& job) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& entry : config.entries()) {
    if (!shown(entry, job)) continue;
    rows.push_back({entry.item->key, as_text(entry), entry.origin.describe()});
  }
  sparkctl::print_table(stream, {"KEY", "VALUE", "ORIGIN"}, rows);
}

// One merged value as it would be used; secrets are refused, never printed.
void print_value(std::ostream& stream, const config::Config& config, const std::string& key) {
  const auto& entries = config.entries();
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const config::Entry& entry) { return entry.item->key == key; });
  if (it == entries.end()) {
    std::vector<std::string> keys;
    for (const auto& entry : entries) keys.push_back(entry.item->key);
    const std::string near = strings::closest(key, keys);
    throw Error::usage("unknown config key \"" + key + "\"" +
                       (near.empty() ? "" : " (did you mean " + near + "?)"));
  }
  if (it->item->type == config::ValueType::secret)
    throw Error::usage(key + " is a secret: sparkctl never prints it");
  stream << as_text(*it) << "\n";
}

void add_config_command(CLI::App& root, GlobalOptions& globals) {
  auto* command = root.add_subcommand("config", "Inspect sparkctl's configuration");
  command->require_subcommand(1);
  auto options = std::make_shared<ShowOptions>();
  auto* show =
      command->add_subcommand("show",
                              "Print the merged configuration and where each value came from "
                              "(default < config file < SPARKCTL_* environment < command line)");
  show->add_option("--job", options->job, "Also show this job's arguments (default: all jobs)");
  show->add_option("--job-args", options->job_args,
                   "Job arguments key=value, as for `run` (needs --job)");
  add_output_flag(*show, options->output,
                  {OutputFormat::table, OutputFormat::yaml, OutputFormat::json});
  show->callback([options, &globals] {
    options->io = globals.io;
    std::vector<config::Override> overrides;
    if (!options->job_args.empty() && options->job.empty()) {
      throw Error::usage("--job-args needs --job NAME");
    }
    if (!options->job.empty()) overrides = job_arg_overrides(options->job, options->job_args);
    auto config = load_config(globals, overrides);
    std::ostream& out = *options->io.out;
    if (options->output == OutputFormat::json) {
      print_json(out, config, options->job);
    } else if (options->output == OutputFormat::yaml) {
      print_yaml(out, config, options->job);
    } else {
      if (!config.file_path().empty())
        *options->io.err << "config file: " << config.file_path() << "\n";
      print_table(out, config, options->job);
    }
  });

  auto key = std::make_shared<std::string>();
  auto* get = command->add_subcommand(
      "get", "Print one merged value and nothing else, for scripts (e.g. spark.version)");
  get->add_option("key", *key, "Config key, e.g. spark.version or jobs.pi.partitions")->required();
  get->callback([key, &globals] { print_value(*globals.io.out, load_config(globals), *key); });
}

const CommandRegistration registration({30, add_config_command});

}  // namespace

}  // namespace sparkctl::cli
