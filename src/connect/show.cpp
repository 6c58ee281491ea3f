#include "sparkctl/connect/show.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace sparkctl::connect {
namespace {

constexpr size_t truncate_at = 20;
constexpr size_t min_width = 3;

// Width in characters (UTF-8 code points), not bytes.
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first `chars` code points of s.
std::string prefix(const std::string& s, size_t chars) {
  size_t seen = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == chars) break;
  }
  return s.substr(0, i);
}

std::string cell(std::string text, bool truncate) {
  // Spark shows embedded line breaks escaped so rows stay on one line.
  for (size_t p = 0; (p = text.find_first_of("\n\t", p)) != std::string::npos;) {
    text.replace(p, 1, text[p] == '\n' ? "\\n" : "\\t");
  }
  if (truncate && width(text) > truncate_at) return prefix(text, truncate_at - 3) + "...";
  return text;
}

std::string pad(const std::string& s, size_t w, bool right_align) {
  const std::string fill(w - std::min(w, width(s)), ' ');
  return right_align ? fill + s : s + fill;
}

}  // namespace

void print_show(const arrow::Table& table, int n, bool has_more, bool truncate, std::ostream& out) {
  const size_t columns = table.schema.size();
  const size_t rows = std::min(table.rows.size(), static_cast<size_t>(std::max(n, 0)));
  std::vector<std::vector<std::string>> cells(rows + 1);
  std::vector<size_t> widths(columns, min_width);
  for (size_t c = 0; c < columns; ++c) cells[0].push_back(cell(table.schema[c].name, truncate));
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns; ++c) {
      cells[r + 1].push_back(cell(arrow::to_string(table.rows[r][c]), truncate));
    }
  }
  for (const auto& line : cells) {
    for (size_t c = 0; c < columns; ++c) widths[c] = std::max(widths[c], width(line[c]));
  }
  std::string rule = "+";
  for (size_t w : widths) rule += std::string(w, '-') + "+";
  out << rule << '\n';
  for (size_t r = 0; r < cells.size(); ++r) {
    out << '|';
    for (size_t c = 0; c < columns; ++c) out << pad(cells[r][c], widths[c], truncate) << '|';
    out << '\n';
    if (r == 0) out << rule << '\n';
  }
  out << rule << '\n';
  if (has_more) out << "only showing top " << rows << (rows == 1 ? " row" : " rows") << '\n';
}

}  // namespace sparkctl::connect
