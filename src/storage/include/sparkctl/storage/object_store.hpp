// An object store sparkctl writes to itself (S3 over SigV4, GCS over its
// JSON API), for staging an application's local files. Spark reads and
// writes the same stores through its Hadoop connectors (location.hpp);
// this is the other side: uploads from the user's machine, where no JVM
// runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::storage {

// Bytes sent so far of `total`, for a progress line. Called for one
// request at a time, but not always on the caller's thread (an S3 store
// sends the parts of a large file from several threads). An exception it
// throws stops the upload and is what put() throws.
using UploadProgress = std::function<void(std::uint64_t sent, std::uint64_t total)>;

struct ObjectInfo {
  std::uint64_t size = 0;
  std::string sha256;  // hex, when the store kept the checksum sparkctl sent ("" otherwise)
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;
  // The object at `key` of the store's bucket, nullopt when there is none.
  // Throws Error::cluster when the store refuses (credentials, missing
  // bucket: the store's own message, no secret) or cannot be reached.
  virtual std::optional<ObjectInfo> stat(const std::string& key) = 0;
  // Uploads `file` to `key`, checked by a checksum the store verifies; in
  // parts when it is large. An upload that fails leaves nothing at `key`
  // (a part upload is aborted). Throws Error::cluster.
  virtual void put(const std::string& key, const std::filesystem::path& file,
                   const std::string& sha256, const UploadProgress& progress) = 0;
  // Downloads `key` to `file` (written whole or not at all): how a driver
  // pod fetches what was staged for it. Throws Error::cluster, also when
  // there is no such object.
  virtual void get(const std::string& key, const std::filesystem::path& file) = 0;
};

// The store of `bucket_uri` (s3a://bucket[/...] or gs://bucket[/...]) with
// the endpoint and credentials of the storage.* keys of `config`; keys are
// relative to the bucket. Throws Error::usage for another scheme.
std::unique_ptr<ObjectStore> open_object_store(const std::string& bucket_uri,
                                               const config::Config& config);

}  // namespace sparkctl::storage
