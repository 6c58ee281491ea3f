// Where sparkctl finds its own files.
#pragma once

#include <string>

namespace sparkctl::paths {

// Absolute path of the running binary ("" if unknown).
std::string executable();
// The project/install root the binary belongs to: the first ancestor of the
// binary's directory that holds config/conf.yaml or .cache ("" if none).
std::string project_root();
bool exists(const std::string& path);

}  // namespace sparkctl::paths
