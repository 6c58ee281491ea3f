// A folder as a zip whose bytes depend only on the files' names, contents
// and executable bits: entries sorted, every time 1980-01-01 (the first a
// zip can hold), no compiled Python. The staged zip's address is its
// sha256, so an unchanged folder is never uploaded twice.
#include <zip.h>

#include <algorithm>
#include <ctime>
#include <vector>

#include "base_name.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::storage {

namespace fs = std::filesystem;

namespace {

// The fixed entry time, in local time as the zip format keeps it (so it
// reads 1980-01-01 00:00 in every time zone).
std::time_t fixed_entry_time() {
  std::tm first{};
  first.tm_year = 80;
  first.tm_mon = 0;
  first.tm_mday = 1;
  first.tm_isdst = -1;
  return std::mktime(&first);
}

bool skipped(const fs::directory_entry& entry) {
  const auto name = entry.path().filename();
  return (entry.is_directory() && name == "__pycache__") ||
         (!entry.is_directory() && entry.path().extension() == ".pyc");
}

// Relative paths (with '/') of the files to zip, sorted.
std::vector<std::string> files_to_zip(const fs::path& folder) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, error), end;
  if (error)
    throw Error::usage("cannot read the folder " + folder.string() + ": " + error.message());
  for (; it != end; it.increment(error)) {
    if (error) throw Error::usage("cannot read " + folder.string() + ": " + error.message());
    if (skipped(*it)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file())
      files.push_back(it->path().lexically_relative(folder).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

[[noreturn]] void zip_failed(const fs::path& zip_path, zip_t* archive) {
  throw Error::usage("cannot write " + zip_path.string() + ": " + zip_strerror(archive));
}

}  // namespace

void zip_folder(const fs::path& folder, const fs::path& zip_path) {
  if (!fs::is_directory(folder)) throw Error::usage(folder.string() + " is not a folder");
  const auto files = files_to_zip(folder);
  const auto top = base_name(folder);

  int code = 0;
  std::unique_ptr<zip_t, ZipDiscard> archive(
      zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw Error::usage("cannot write " + zip_path.string() + ": " + reason);
  }
  const auto entry_time = fixed_entry_time();
  for (const auto& file : files) {
    const auto source_path = (folder / file).string();
    zip_source_t* source = zip_source_file(archive.get(), source_path.c_str(), 0, 0);
    if (!source) zip_failed(zip_path, archive.get());
    const auto index = zip_file_add(archive.get(), (top + "/" + file).c_str(), source,
                                    ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      zip_failed(zip_path, archive.get());
    }
    const auto perms = fs::status(folder / file).permissions();
    const bool executable = (perms & fs::perms::owner_exec) != fs::perms::none;
    const zip_uint32_t mode = executable ? 0100755 : 0100644;
    if (zip_set_file_compression(archive.get(), index, ZIP_CM_DEFLATE, 0) < 0 ||
        zip_file_set_mtime(archive.get(), index, entry_time, 0) < 0 ||
        zip_file_set_external_attributes(archive.get(), index, 0, ZIP_OPSYS_UNIX, mode << 16) < 0)
      zip_failed(zip_path, archive.get());
  }
  // zip_close reads the sources and writes the archive; on failure the
  // archive is still open and the discard frees it.
  if (zip_close(archive.get()) < 0) zip_failed(zip_path, archive.get());
  archive.release();
}

}  // namespace sparkctl::storage
