// What the GCS store tests share: a config with overrides only (no config
// file, so a developer's own cannot leak in), running a helper program to
// its end, and files of a given size.
#pragma once

#include <openssl/evp.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "../storage_test_support.hpp"
#include "sparkctl/config/config.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/core/process.hpp"

namespace sparkctl::storage::testing {

using storage::config_with;  // ../storage_test_support.hpp

// Runs `argv` (looked up on PATH) to its end; its exit status.
inline int run_to_end(const std::vector<std::string>& argv) {
  ProcessSpec spec;
  spec.argv = argv;
  spec.search_path = true;
  const pid_t pid = spawn_process(spec);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Writes `size` bytes that repeat no short pattern (so a chunk sent twice
// or out of order shows in the stored object) to `path`.
inline std::string write_bytes(const std::filesystem::path& path, std::size_t size) {
  std::mt19937 random(static_cast<unsigned>(size));
  std::string bytes(size, '\0');
  for (auto& b : bytes) b = static_cast<char>(random() & 0xff);
  std::ofstream(path, std::ios::binary) << bytes;
  return bytes;
}

// Lower-case hex sha256 of a file (what the stager passes to put()).
inline std::string sha256_hex(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text += hex[digest[i] >> 4];
    text += hex[digest[i] & 0xf];
  }
  return text;
}

}  // namespace sparkctl::storage::testing
