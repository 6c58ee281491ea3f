#include "sparkctl/connect/show.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "show_layout.hpp"

namespace sparkctl::connect {

void print_show(const Rows& table, int n, bool has_more, bool truncate, std::ostream& out) {
  const size_t rows = std::min(table.size(), static_cast<size_t>(std::max(n, 0)));
  std::vector<std::string> header(table.schema().size());
  for (size_t c = 0; c < header.size(); ++c)
    show::append_cell(header[c], table.schema()[c].name, truncate);
  std::vector<std::vector<std::string>> cells(rows, std::vector<std::string>(header.size()));
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < header.size(); ++c)
      show::append_cell(cells[r][c], table[r][c].to_string(), truncate);
  const std::vector<size_t> widths = show::widths_of(header, cells);
  std::string text;
  show::append_rule(text, widths);
  show::append_line(text, header, widths, truncate);
  show::append_rule(text, widths);
  for (const auto& line : cells) show::append_line(text, line, widths, truncate);
  show::append_rule(text, widths);
  if (has_more)
    text += "only showing top " + std::to_string(rows) + (rows == 1 ? " row\n" : " rows\n");
  out << text;
}

}  // namespace sparkctl::connect
