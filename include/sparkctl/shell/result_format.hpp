// How the shell prints a result: an aligned table for people, CSV or JSON
// lines for scripts.
#pragma once

#include <iosfwd>
#include <string>

#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::shell {

enum class OutputFormat { table, csv, json };

// Throws Error::usage for anything but table, csv, json.
OutputFormat parse_output_format(const std::string& name);

void print_result(const arrow::Table& table, OutputFormat format, std::ostream& out);

}  // namespace sparkctl::shell
