// The last name of a path as the user meant it: "mylib/" and "./mylib"
// are both "mylib" (the zip's top folder and the staged file's name).
#pragma once

#include <filesystem>
#include <string>

namespace sparkctl::storage {

inline std::string base_name(const std::filesystem::path& path) {
  auto normal = std::filesystem::absolute(path).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  return normal.filename().string();
}

}  // namespace sparkctl::storage
