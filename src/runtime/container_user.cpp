#include "sparkctl/runtime/container_user.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace sparkctl::runtime {
namespace {

// Whether the UID field (the third) of some line is `uid`.
bool has_uid(const fs::path& passwd, uid_t uid) {
  std::ifstream in(passwd);
  const std::string wanted = std::to_string(uid);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(':');
    if (first == std::string::npos) continue;
    const auto second = line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const auto third = line.find(':', second + 1);
    if (line.substr(second + 1, third - second - 1) == wanted) return true;
  }
  return false;
}

bool ends_with_newline(int fd) {
  char last = '\n';
  const off_t size = lseek(fd, 0, SEEK_END);
  if (size <= 0) return true;
  return pread(fd, &last, 1, size - 1) != 1 || last == '\n';
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

}  // namespace

std::string passwd_line(const PasswdEntry& entry) {
  const std::string uid = std::to_string(entry.uid);
  return uid + ":x:" + uid + ":" + std::to_string(entry.gid) + ":" + entry.description + ":" +
         entry.home.string() + ":/bin/false\n";
}

PasswdOutcome ensure_passwd_entry(const PasswdEntry& entry, const fs::path& passwd) {
  if (has_uid(passwd, entry.uid)) return PasswdOutcome::present;
  const int fd = open(passwd.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0) return PasswdOutcome::not_writable;
  std::string text = passwd_line(entry);
  if (!ends_with_newline(fd)) text.insert(text.begin(), '\n');
  // One append: readers see the whole line or none of it.
  const bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return written ? PasswdOutcome::added : PasswdOutcome::not_writable;
}

void ensure_own_passwd_entry() {
  PasswdEntry entry;
  entry.uid = getuid();
  entry.gid = getgid();
  entry.description = env_or("SPARK_USER_NAME", "anonymous uid");
  entry.home = env_or("SPARK_HOME", "/");
  switch (ensure_passwd_entry(entry)) {
    case PasswdOutcome::present:
      break;
    case PasswdOutcome::added:
      spdlog::info("added UID {} to /etc/passwd (the pod runs as a user the image does not know)",
                   entry.uid);
      break;
    case PasswdOutcome::not_writable:
      spdlog::warn(
          "UID {} has no /etc/passwd entry and /etc/passwd is not writable: Java and Hadoop may "
          "fail to find the user (make /etc/passwd group-writable in the image)",
          entry.uid);
      break;
  }
}

}  // namespace sparkctl::runtime
