#include "sparkctl/runtime/cache_dir.hpp"

#include <cstdlib>

namespace sparkctl::runtime {

namespace fs = std::filesystem;

fs::path user_cache_dir(const std::string& name) {
  if (const char* dir = std::getenv("SPARKCTL_STATE_DIR"); dir && *dir) return fs::path(dir) / name;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir)
    return fs::path(dir) / "sparkctl" / name;
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "sparkctl" / name;
  return {};
}

}  // namespace sparkctl::runtime
