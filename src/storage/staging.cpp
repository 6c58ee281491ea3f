#include "sparkctl/storage/staging.hpp"

#include "base_name.hpp"
#include "bucket_uri.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t address_digits = 16;  // 64 bits of the sha256: no collision in practice

const char* const remote_schemes[] = {"s3a", "s3", "gs", "http", "https", "local"};
const char* const staging_schemes[] = {"s3a", "gs"};

std::string scheme_of(const std::string& uri) {
  const auto end = uri.find("://");
  return end == std::string::npos ? std::string() : strings::to_lower(uri.substr(0, end));
}

template <std::size_t N>
bool one_of(const std::string& scheme, const char* const (&schemes)[N]) {
  for (const char* known : schemes) {
    if (scheme == known) return true;
  }
  return false;
}

}  // namespace

bool is_remote_uri(const std::string& path) { return one_of(scheme_of(path), remote_schemes); }

Stager::Stager(const config::Config& config, fs::path work_dir)
    : config_(config), work_dir_(std::move(work_dir)) {
  staging_uri_ = config.get_string(config::keys::storage_staging_uri);
  while (!staging_uri_.empty() && staging_uri_.back() == '/') staging_uri_.pop_back();
  if (staging_uri_.empty())
    throw Error::usage(
        "storage.staging_uri is not set: local files need a place the cluster "
        "reads them from (s3a://bucket/path or gs://bucket/path)");
  if (!one_of(scheme_of(staging_uri_), staging_schemes))
    throw Error::usage("storage.staging_uri " + strings::quoted(staging_uri_) +
                       " is not s3a://bucket/path or gs://bucket/path");
  parse_bucket_uri(staging_uri_);  // names a bucket
}

Stager::~Stager() = default;

StagedFile Stager::plan(const fs::path& local) {
  std::error_code error;
  const auto status = fs::status(local, error);
  if (!fs::exists(status)) throw Error::usage("no such file or folder: " + local.string());
  StagedFile staged;
  staged.local = local;
  auto name = base_name(local);
  if (fs::is_directory(status)) {
    // Zipped once under a fixed name, then moved to a folder of its address,
    // so folders of the same name never share a zip.
    name += ".zip";
    fs::create_directories(work_dir_);
    const auto zipping = work_dir_ / name;
    zip_folder(local, zipping);
    staged.sha256 = file_sha256(zipping);
    const auto kept = work_dir_ / staged.sha256.substr(0, address_digits);
    fs::create_directories(kept);
    fs::rename(zipping, kept / name);
    staged.file = kept / name;
  } else {
    staged.file = local;
    staged.sha256 = file_sha256(local);
  }
  staged.uri = staging_uri_ + "/" + staged.sha256.substr(0, address_digits) + "/" + name;
  return staged;
}

StagedFile Stager::stage(const fs::path& local, const UploadProgress& progress) {
  auto staged = plan(local);
  if (!store_) store_ = open_object_store(staging_uri_, config_);
  const auto key = parse_bucket_uri(staged.uri).key;
  const auto existing = store_->stat(key);
  if (existing && existing->size == fs::file_size(staged.file)) return staged;
  store_->put(key, staged.file, staged.sha256, progress);
  staged.uploaded = true;
  return staged;
}

void download(const std::string& uri, const fs::path& file, const config::Config& config) {
  const auto parts = parse_bucket_uri(uri);
  open_object_store(uri, config)->get(parts.key, file);
}

}  // namespace sparkctl::storage
