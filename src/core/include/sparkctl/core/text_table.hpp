// Plain aligned tables for people (kubectl style: upper-case headers,
// columns separated by three spaces). Scripts use -o json/yaml instead.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sparkctl {

void print_table(std::ostream& out, const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows);

}  // namespace sparkctl
