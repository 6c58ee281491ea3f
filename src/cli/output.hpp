// Machine output of Kubernetes objects: -o json and -o yaml. YAML comes
// from the same JSON, key order kept, strings that YAML would read as
// something else (numbers, booleans, null) quoted, so `kubectl apply -f`
// reads back exactly what was printed.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sparkctl::cli {

// What -o/--output asks for; each verb accepts some of them.
enum class OutputFormat { table, text, name, json, yaml };

const char* name_of(OutputFormat format);

// -o/--output limited to `choices`, the first of which is the default.
void add_output_flag(CLI::App& command, OutputFormat& output,
                     const std::vector<OutputFormat>& choices,
                     const std::string& help = "Output format");

// --dry-run=server: the API server validates without storing.
enum class DryRun { none, server };
void add_dry_run_flag(CLI::App& command, DryRun& dry_run, const std::string& help);

std::string to_yaml(const nlohmann::ordered_json& value);

// format: json or yaml.
void print_object(std::ostream& out, const nlohmann::ordered_json& value, OutputFormat format);
// Several objects: YAML documents separated by "---" (after the `comment`
// lines, each prefixed "# "), or one JSON v1 List, as kubectl reads them.
void print_objects(std::ostream& out, const std::vector<nlohmann::ordered_json>& objects,
                   OutputFormat format, const std::vector<std::string>& comment = {});

}  // namespace sparkctl::cli
