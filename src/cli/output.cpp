#include "output.hpp"

#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <map>
#include <ostream>
#include <regex>
#include <utility>

#include "sparkctl/core/strings.hpp"

namespace sparkctl::cli {

namespace {

// Plain scalars a YAML 1.1 or 1.2 reader would not take as a string.
bool needs_quotes(const std::string& s) {
  static const std::regex number(
      R"(^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[xo][0-9a-fA-F]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$)");
  static const char* const words[] = {"true", "false", "yes", "no",   "on",
                                      "off",  "y",     "n",   "null", "~"};
  if (s.empty()) return true;
  const std::string lower = strings::to_lower(s);
  for (const char* word : words) {
    if (lower == word) return true;
  }
  return std::regex_match(s, number);
}

void emit(YAML::Emitter& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key;
        if (needs_quotes(key)) out << YAML::DoubleQuoted;
        out << key << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      return;
    case nlohmann::ordered_json::value_t::array:
      if (value.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const auto& item : value) emit(out, item);
      out << YAML::EndSeq;
      return;
    case nlohmann::ordered_json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (needs_quotes(s)) out << YAML::DoubleQuoted;
      out << s;
      return;
    }
    case nlohmann::ordered_json::value_t::null:
      out << YAML::Null;
      return;
    case nlohmann::ordered_json::value_t::boolean:
      out << value.get<bool>();
      return;
    default:  // numbers print the same in both
      out << value.dump();
      return;
  }
}

}  // namespace

namespace {
constexpr std::pair<OutputFormat, const char*> format_names[] = {
    {OutputFormat::table, "table"}, {OutputFormat::text, "text"}, {OutputFormat::name, "name"},
    {OutputFormat::json, "json"},   {OutputFormat::yaml, "yaml"},
};
}  // namespace

const char* name_of(OutputFormat format) {
  for (const auto& [value, name] : format_names) {
    if (value == format) return name;
  }
  return "?";
}

void add_output_flag(CLI::App& command, OutputFormat& output,
                     const std::vector<OutputFormat>& choices, const std::string& help) {
  std::map<std::string, OutputFormat> names;
  for (const auto format : choices) names.emplace(name_of(format), format);
  output = choices.front();
  command.add_option("-o,--output", output, help)
      ->transform(CLI::CheckedTransformer(names))
      ->default_str(name_of(choices.front()));
}

void add_dry_run_flag(CLI::App& command, DryRun& dry_run, const std::string& help) {
  const std::map<std::string, DryRun> names = {{"none", DryRun::none}, {"server", DryRun::server}};
  command.add_option("--dry-run", dry_run, help)
      ->transform(CLI::CheckedTransformer(names))
      ->default_str("none");
}

std::string to_yaml(const nlohmann::ordered_json& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  emit(out, value);
  return std::string(out.c_str()) + "\n";
}

void print_object(std::ostream& out, const nlohmann::ordered_json& value, OutputFormat format) {
  if (format == OutputFormat::json) {
    out << value.dump(2) << "\n";
  } else {
    out << to_yaml(value);
  }
}

void print_objects(std::ostream& out, const std::vector<nlohmann::ordered_json>& objects,
                   OutputFormat format, const std::vector<std::string>& comment) {
  if (objects.size() == 1 && comment.empty()) return print_object(out, objects.front(), format);
  if (format == OutputFormat::json) {
    nlohmann::ordered_json list = {{"apiVersion", "v1"}, {"kind", "List"}, {"items", objects}};
    out << list.dump(2) << "\n";
    return;
  }
  for (const auto& line : comment) out << "# " << line << "\n";
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out << "---\n";
    out << to_yaml(objects[i]);
  }
}

}  // namespace sparkctl::cli
