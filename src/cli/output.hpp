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

// -o/--output limited to `choices`.
void add_output_flag(CLI::App& command, std::string& output,
                     const std::vector<std::string>& choices,
                     const std::string& help = "Output format");

std::string to_yaml(const nlohmann::ordered_json& value);

// format: "json" or "yaml".
void print_object(std::ostream& out, const nlohmann::ordered_json& value,
                  const std::string& format);
// Several objects: YAML documents separated by "---" (after the `comment`
// lines, each prefixed "# "), or one JSON v1 List, as kubectl reads them.
void print_objects(std::ostream& out, const std::vector<nlohmann::ordered_json>& objects,
                   const std::string& format, const std::vector<std::string>& comment = {});

}  // namespace sparkctl::cli
