// Staging an application's local files (`submit app.py --py-files ...`)
// to storage.staging_uri under content addresses, so the cluster reads them
// by URI and unchanged files are never uploaded twice. Layout (docs/applications.md):
//   <staging_uri>/<first 16 hex of the content's sha256>/<file name>
// A folder is staged as a deterministic zip of itself (`mylib/` ->
// `mylib.zip` holding `mylib/...`): sorted entries, fixed times, no
// __pycache__ or *.pyc, so the same sources always have the same address.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/storage/object_store.hpp"

namespace sparkctl::storage {

// True for what the cluster reads as it is: s3a://, s3://, gs://, http(s)://,
// local:// (a path inside the image). Anything else is a local path.
bool is_remote_uri(const std::string& path);

// Writes the deterministic zip of `folder` to `zip_path` (entries are
// `<folder name>/<relative path>`). Throws Error::usage when `folder` is
// not a readable folder.
void zip_folder(const std::filesystem::path& folder, const std::filesystem::path& zip_path);

// Unpacks `zip_path` into `folder` (created), executable bits kept.
// Error::cluster when it cannot be read or written, or an entry would land
// outside `folder`.
void extract_zip(const std::filesystem::path& zip_path, const std::filesystem::path& folder);

// Lower-case hex sha256 of a file's bytes.
std::string file_sha256(const std::filesystem::path& file);
// Lower-case hex sha256 of `text` (a cache key of what went into a file).
std::string text_sha256(std::string_view text);

// Downloads the object at `uri` (s3a://, s3://, gs://) to `file` with the
// storage.* settings of `config`: a driver pod fetching what was staged.
// Throws Error::cluster when the store refuses or has no such object.
void download(const std::string& uri, const std::filesystem::path& file,
              const config::Config& config);

struct StagedFile {
  std::filesystem::path local;  // as given (a file or a folder)
  std::filesystem::path file;   // what is uploaded: the file, or the folder's zip
  std::string uri;              // <staging_uri>/<address>/<name>
  bool uploaded = false;        // false: it was there already (or a plan only)
  std::string sha256;           // hex, of `file`: its address is the first 16 digits
};

class Stager {
 public:
  // storage.staging_uri of `config`; Error::usage naming the key when it is
  // empty or not s3a:// / gs://. Zips of folders are written under
  // `work_dir` (kept by the caller for the upload's lifetime).
  Stager(const config::Config& config, std::filesystem::path work_dir);
  ~Stager();

  // The URI `local` would have, without touching the store (render).
  // Error::usage when `local` does not exist.
  StagedFile plan(const std::filesystem::path& local);
  // plan(), then uploads unless an object of that size is at the address.
  // `progress` gets each upload's bytes (may be empty).
  StagedFile stage(const std::filesystem::path& local, const UploadProgress& progress = {});

 private:
  const config::Config& config_;
  std::filesystem::path work_dir_;
  std::string staging_uri_;             // without a trailing '/'
  std::unique_ptr<ObjectStore> store_;  // opened on the first stage()
};

}  // namespace sparkctl::storage
