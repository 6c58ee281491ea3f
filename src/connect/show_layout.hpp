// The layout of Spark's Dataset.show(): cells escaped onto one line and
// optionally cut to 20 characters, columns padded to their widest cell,
// rules of '-' around the header and the rows. DataFrame::show() and the
// shell's streaming table share it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sparkctl::connect::show {

constexpr size_t truncate_at = 20;
constexpr size_t min_width = 3;

// Appends `text` as a cell: line breaks and other control characters
// escaped as Spark does; with `truncate`, cut to 17 characters + "...".
void append_cell(std::string& out, std::string_view text, bool truncate);

// Column widths for a header and rows of cells (each at least min_width).
std::vector<size_t> widths_of(const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows);

void append_rule(std::string& out, const std::vector<size_t>& widths);  // +---+--+
// |a  |b |, or right-aligned (| a| b|) as show() does when it truncates.
// A cell wider than its column is written whole and pushes the line out.
void append_line(std::string& out, const std::vector<std::string>& cells,
                 const std::vector<size_t>& widths, bool right_align);

}  // namespace sparkctl::connect::show
