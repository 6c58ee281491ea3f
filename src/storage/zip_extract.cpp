// A zip unpacked where a driver pod needs the files themselves: the
// packages of --requirements, whose compiled modules Python cannot import
// from inside a zip. Entries keep their executable bit (the packages'
// bin/python launcher), and no entry may land outside the folder.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <memory>
#include <string>

#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::storage {

namespace fs = std::filesystem;

namespace {

struct ZipClose {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// "a/../../x", "/etc/x": refused, as an archive that tries it is not ours.
bool escapes(const std::string& name) {
  const fs::path path(name);
  if (path.is_absolute()) return true;
  for (const auto& part : path)
    if (part == "..") return true;
  return false;
}

bool executable(zip_t* archive, zip_uint64_t index) {
  zip_uint8_t system = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(archive, index, 0, &system, &attributes) < 0) return false;
  return system == ZIP_OPSYS_UNIX && ((attributes >> 16) & 0100) != 0;
}

void write_entry(zip_t* archive, zip_uint64_t index, const fs::path& target,
                 const fs::path& zip_path) {
  std::unique_ptr<zip_file_t, ZipFileClose> entry(zip_fopen_index(archive, index, 0));
  if (!entry)
    throw Error::cluster("cannot read " + zip_path.string() + ": " + zip_strerror(archive));
  fs::create_directories(target.parent_path());
  const mode_t mode = executable(archive, index) ? 0755 : 0644;
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw Error::cluster("cannot write " + target.string());
  char buffer[65536];
  zip_int64_t n = 0;
  bool written = true;
  while (written && (n = zip_fread(entry.get(), buffer, sizeof buffer)) > 0) {
    for (zip_int64_t done = 0; done < n;) {
      const ssize_t w = ::write(fd, buffer + done, static_cast<size_t>(n - done));
      if (w <= 0) {
        written = false;
        break;
      }
      done += w;
    }
  }
  ::close(fd);
  if (n < 0 || !written)
    throw Error::cluster("cannot unpack " + target.filename().string() + " of " +
                         zip_path.string());
}

}  // namespace

void extract_zip(const fs::path& zip_path, const fs::path& folder) {
  int code = 0;
  std::unique_ptr<zip_t, ZipClose> archive(zip_open(zip_path.c_str(), ZIP_RDONLY, &code));
  if (!archive) throw Error::cluster("cannot open the zip " + zip_path.string());
  const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* name = zip_get_name(archive.get(), index, ZIP_FL_ENC_GUESS);
    if (name == nullptr || *name == '\0') continue;
    const std::string entry_name = name;
    if (escapes(entry_name))
      throw Error::cluster(zip_path.string() + " has an entry outside its folder: " + entry_name);
    if (entry_name.back() == '/') {
      fs::create_directories(folder / entry_name);
      continue;
    }
    write_entry(archive.get(), index, folder / entry_name, zip_path);
  }
}

}  // namespace sparkctl::storage
