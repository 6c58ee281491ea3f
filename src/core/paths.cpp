#include "sparkctl/core/paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>

namespace sparkctl::paths {

std::string executable() {
  char buffer[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n <= 0) return {};
  return std::string(buffer, static_cast<std::size_t>(n));
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::string project_root() {
  std::string dir = executable();
  // Walk up from the binary (build/src/cli/sparkctl, or <prefix>/bin/sparkctl).
  while (!dir.empty()) {
    auto slash = dir.find_last_of('/');
    if (slash == std::string::npos || slash == 0) break;
    dir = dir.substr(0, slash);
    if (exists(dir + "/config/conf.yaml") || exists(dir + "/.cache")) return dir;
  }
  return {};
}

}  // namespace sparkctl::paths
