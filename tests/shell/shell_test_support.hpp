// What the shell tests share: the address of the one Spark Connect server
// the test binary started (shell_cli_test.cpp's main), and a scratch dir.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

namespace shell_test {

namespace fs = std::filesystem;

// sc://127.0.0.1:PORT of the server started for this binary.
const std::string& remote();

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "sparkctl-shell-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

}  // namespace shell_test
