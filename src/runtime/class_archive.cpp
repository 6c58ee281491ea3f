#include "class_archive.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "sparkctl/runtime/cache_dir.hpp"

namespace fs = std::filesystem;

namespace sparkctl::runtime {
namespace {

// FNV-1a: a stable 64-bit key, not a security measure.
class KeyHash {
 public:
  void add(const std::string& text) {
    for (unsigned char c : text) hash_ = (hash_ ^ c) * 1099511628211ULL;
    hash_ = (hash_ ^ 0xFF) * 1099511628211ULL;  // a separator between parts
  }
  // A file as its path, size and modification time.
  void add_file(const fs::path& file) {
    std::error_code ec;
    add(file.string());
    add(std::to_string(fs::file_size(file, ec)));
    add(std::to_string(fs::last_write_time(file, ec).time_since_epoch().count()));
  }
  std::string hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
    return text;
  }

 private:
  unsigned long long hash_ = 14695981039346656037ULL;
};

fs::path canonical_or_same(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::canonical(p, ec);
  return ec ? p : c;
}

// The JDK (its release file and modules image) and the server's class path
// (Spark's jars, the extra jars): what an archive is only valid for.
std::string key_of(const fs::path& java_home, const fs::path& spark_home,
                   const std::vector<std::string>& extra_jars) {
  KeyHash key;
  const fs::path java = canonical_or_same(java_home);
  key.add_file(java / "release");
  key.add_file(java / "lib" / "modules");
  key.add_file(java / "lib" / "server" / "libjvm.so");
  const fs::path spark = canonical_or_same(spark_home);
  std::vector<fs::path> jars;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(spark / "jars", ec)) jars.push_back(entry.path());
  std::sort(jars.begin(), jars.end());
  for (const auto& jar : jars) key.add_file(jar);
  for (const auto& jar : extra_jars) key.add_file(jar);
  return key.hex();
}

// A dynamic CDS archive starts with the magic 0xf00baba8 (a static one 0xf00baba2).
bool looks_like_archive(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  unsigned char magic[4] = {};
  in.read(reinterpret_cast<char*>(magic), 4);
  return in && magic[3] == 0xf0 && magic[2] == 0x0b && magic[1] == 0xab &&
         (magic[0] == 0xa8 || magic[0] == 0xa2);
}

}  // namespace

fs::path class_archive_dir() {
  if (const char* dir = std::getenv("SPARKCTL_CLASS_ARCHIVE_DIR"); dir && *dir) return dir;
  return user_cache_dir("class-archives");
}

std::string ClassArchive::java_options() const {
  switch (use) {
    case Use::use:
      return "-XX:SharedArchiveFile=" + path.string();
    case Use::record:
      return "-XX:ArchiveClassesAtExit=" + partial.string();
    case Use::none:
      break;
  }
  return "";
}

ClassArchive class_archive_for(const fs::path& java_home, const fs::path& spark_home,
                               const std::vector<std::string>& extra_jars, bool may_record) {
  ClassArchive archive;
  const fs::path dir = class_archive_dir();
  if (dir.empty()) return archive;
  std::error_code ec;
  archive.path = dir / ("spark-connect-" + key_of(java_home, spark_home, extra_jars) + ".jsa");
  if (fs::is_regular_file(archive.path, ec)) {
    archive.use = ClassArchive::Use::use;
    return archive;
  }
  if (!may_record) return archive;
  fs::create_directories(dir, ec);
  // Owner-only: a JVM maps what it finds here into its memory.
  if (ec || ::chmod(dir.c_str(), 0700) != 0) {
    spdlog::debug("no class-data archive: cannot use {}", dir.string());
    return archive;
  }
  archive.use = ClassArchive::Use::record;
  archive.partial = archive.path;
  archive.partial += ".partial-" + std::to_string(::getpid());
  return archive;
}

void finish_class_archive(const ClassArchive& archive, bool exited_cleanly) {
  if (archive.use != ClassArchive::Use::record) return;
  std::error_code ec;
  if (exited_cleanly && looks_like_archive(archive.partial)) {
    ::chmod(archive.partial.c_str(), 0600);
    fs::rename(archive.partial, archive.path, ec);
    if (!ec) {
      spdlog::debug("recorded a class-data archive for faster starts: {}", archive.path.string());
      return;
    }
  }
  fs::remove(archive.partial, ec);
}

}  // namespace sparkctl::runtime
