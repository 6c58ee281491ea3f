#include "sparkctl/core/text_table.hpp"

#include <algorithm>
#include <ostream>

namespace sparkctl {

namespace {
// Counts UTF-8 code points, so names with accents still line up.
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

void print_table(std::ostream& out, const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(headers.size(), 0);
  auto widen = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  widen(headers);
  for (const auto& row : rows) widen(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - display_width(row[i]) + 3, ' ');
    }
    out << "\n";
  };
  print_row(headers);
  for (const auto& row : rows) print_row(row);
}

}  // namespace sparkctl
