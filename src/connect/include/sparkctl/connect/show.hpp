// Rendering rows as Spark's Dataset.show() does:
//   +---+-----+
//   | id| name|
//   +---+-----+
//   |  1|alice|
//   +---+-----+
//   only showing top 1 row
#pragma once

#include <iosfwd>

#include "sparkctl/connect/value.hpp"

namespace sparkctl::connect {

// Prints at most `n` of `rows`; `has_more` adds the "only showing"
// footer. With truncate, cells longer than 20 characters are cut to 17 +
// "..." and right-aligned; without, cells are whole and left-aligned.
void print_show(const Rows& rows, int n, bool has_more, bool truncate, std::ostream& out);

}  // namespace sparkctl::connect
