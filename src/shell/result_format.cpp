#include "sparkctl/shell/result_format.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

#include "sparkctl/connect/show.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::shell {

namespace {

std::string csv_field(const arrow::Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return "";
  auto text = arrow::to_string(value);
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

nlohmann::json json_value(const arrow::Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return nullptr;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  return arrow::to_string(value);  // strings, decimals (exact), dates, timestamps
}

void print_csv(const arrow::Table& table, std::ostream& out) {
  for (std::size_t i = 0; i < table.schema.size(); ++i)
    out << (i ? "," : "") << table.schema[i].name;
  out << "\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_field(row[i]);
    out << "\n";
  }
}

void print_json(const arrow::Table& table, std::ostream& out) {
  for (const auto& row : table.rows) {
    nlohmann::ordered_json object;
    for (std::size_t i = 0; i < row.size() && i < table.schema.size(); ++i) {
      object[table.schema[i].name] = json_value(row[i]);
    }
    out << object.dump() << "\n";
  }
}

}  // namespace

OutputFormat parse_output_format(const std::string& name) {
  if (name == "table") return OutputFormat::table;
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  throw Error::usage("unknown output format '" + name + "': use table, csv or json");
}

void print_result(const arrow::Table& table, OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::table:
      if (!table.schema.empty()) {
        connect::print_show(table, static_cast<int>(table.rows.size()), false, false, out);
      }
      break;
    case OutputFormat::csv:
      print_csv(table, out);
      break;
    case OutputFormat::json:
      print_json(table, out);
      break;
  }
}

}  // namespace sparkctl::shell
