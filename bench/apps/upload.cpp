// Benchmark helper (not a test): sparkctl's own S3 uploads, timed.
//   bench_apps_upload put FILE KEY     one ObjectStore::put of FILE to KEY of
//                                      the bucket of storage.staging_uri (in
//                                      parts when large); also when its last
//                                      byte was sent (the rest is the store
//                                      completing the upload)
//   bench_apps_upload stage FOLDER     Stager::stage of every file in FOLDER,
//                                      twice: the second pass finds each one
//                                      staged (a stat per file, no upload)
// The store's settings come from the SPARKCTL_STORAGE_* variables, as for
// sparkctl itself (no config file is read). Prints seconds on stdout as
// `name seconds` lines for bench/apps/run.sh.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/config/schema.hpp"
#include "sparkctl/storage/object_store.hpp"
#include "sparkctl/storage/staging.hpp"

namespace fs = std::filesystem;
using namespace sparkctl;

namespace {

template <typename Action>
double seconds_of(Action action) {
  const auto start = std::chrono::steady_clock::now();
  action();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// s3a://bucket/prefix -> s3a://bucket
std::string bucket_of(const std::string& uri) {
  const auto slash = uri.find('/', uri.find("://") + 3);
  return slash == std::string::npos ? uri : uri.substr(0, slash);
}

void put(const config::Config& config, const fs::path& file, const std::string& key) {
  const auto store = storage::open_object_store(
      bucket_of(config.get_string(config::keys::storage_staging_uri)), config);
  std::string sha256;
  const double digest = seconds_of([&] { sha256 = storage::file_sha256(file); });
  const auto start = std::chrono::steady_clock::now();
  double sent = 0;
  const double upload = seconds_of([&] {
    store->put(key, file, sha256, [&](std::uint64_t done, std::uint64_t total) {
      if (done == total)
        sent = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
  });
  std::printf("sha256 %.3f\nsent %.3f\nput %.3f\n", digest, sent, upload);
}

void stage(const config::Config& config, const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  const fs::path work = fs::temp_directory_path() / "bench-apps-stage";
  fs::create_directories(work);
  storage::Stager stager(config, work);
  int uploaded = 0;
  for (int pass = 1; pass <= 2; ++pass) {
    const double took = seconds_of([&] {
      for (const auto& file : files) uploaded += stager.stage(file).uploaded ? 1 : 0;
    });
    std::printf("stage%d %.3f\n", pass, took);
  }
  std::printf("uploaded %d of %zu files twice staged\n", uploaded, 2 * files.size());
  fs::remove_all(work);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string verb = argc > 1 ? argv[1] : "";
  if (!((verb == "put" && argc == 4) || (verb == "stage" && argc == 3))) {
    std::fprintf(stderr, "usage: %s put FILE KEY | stage FOLDER\n", argv[0]);
    return 2;
  }
  try {
    static const auto schema = config::built_in_schema();
    config::LoadRequest request;
    request.search_default_locations = false;
    const auto config = config::load(schema, request);
    if (verb == "put")
      put(config, argv[2], argv[3]);
    else
      stage(config, argv[2]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_apps_upload: %s\n", e.what());
    return 1;
  }
}
