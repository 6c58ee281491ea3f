#include "show_layout.hpp"

#include <algorithm>

#include "values/spark_text.hpp"

namespace sparkctl::connect::show {
namespace {

// The first `chars` characters (code points) of s.
std::string_view prefix(std::string_view s, size_t chars) {
  size_t seen = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == chars) break;
  }
  return s.substr(0, i);
}

}  // namespace

void append_cell(std::string& out, std::string_view text, bool truncate) {
  if (!truncate) {
    text::append_escaped_for_show(out, text);
    return;
  }
  std::string escaped;
  text::append_escaped_for_show(escaped, text);
  if (text::display_width(escaped) <= truncate_at) {
    out += escaped;
    return;
  }
  out += prefix(escaped, truncate_at - 3);
  out += "...";
}

std::vector<size_t> widths_of(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(header.size(), min_width);
  for (size_t c = 0; c < header.size(); ++c)
    widths[c] = std::max(widths[c], text::display_width(header[c]));
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], text::display_width(row[c]));
  return widths;
}

void append_rule(std::string& out, const std::vector<size_t>& widths) {
  out += '+';
  for (size_t w : widths) {
    out.append(w, '-');
    out += '+';
  }
  out += '\n';
}

void append_line(std::string& out, const std::vector<std::string>& cells,
                 const std::vector<size_t>& widths, bool right_align) {
  out += '|';
  for (size_t c = 0; c < cells.size(); ++c) {
    size_t fill = widths[c] - std::min(widths[c], text::display_width(cells[c]));
    if (right_align) out.append(fill, ' ');
    out += cells[c];
    if (!right_align) out.append(fill, ' ');
    out += '|';
  }
  out += '\n';
}

}  // namespace sparkctl::connect::show
