#include "sparkctl/core/scratch_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "sparkctl/core/error.hpp"

namespace sparkctl {

namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& prefix) {
  std::error_code ec;
  auto base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / (prefix + "-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr)  // mode 0700
    throw Error::cluster("cannot create a folder in " + base.string() + ": " +
                         std::strerror(errno));
  path_ = buffer.data();
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

}  // namespace sparkctl
