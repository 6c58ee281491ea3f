// The ObjectStore of an S3 bucket (AWS or any S3-compatible store), signed
// with SigV4 by libcurl. open_object_store() opens it for s3a:// and s3://;
// this header is for what needs to choose how it uploads (the tests).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/storage/object_store.hpp"

namespace sparkctl::storage {

struct S3UploadOptions {
  // Files of this size and more go up in parts, each `part_size` bytes but
  // the last. S3 refuses parts below 5 MiB (but the last) and more than
  // 10000 parts, so large files get larger parts.
  std::uint64_t multipart_threshold = 16ull << 20;
  std::uint64_t part_size = 16ull << 20;
  // Parts sent at once, each on a thread and connection of its own. One at
  // a time leaves the link idle while a part's Content-MD5 is computed and
  // its answer awaited; a few overlap those waits. Each reads its part
  // twice (checksum, then body), from the page cache in practice.
  unsigned parts_in_flight = 4;
};

// The store of `bucket` with the storage.s3.* keys of `config`: endpoint
// (empty: AWS's regional one), region (empty: us-east-1), path_style, and
// credentials (s3_credentials.hpp says where they are looked for).
std::unique_ptr<ObjectStore> open_s3_store(const std::string& bucket, const config::Config& config,
                                           S3UploadOptions options = {});

}  // namespace sparkctl::storage
