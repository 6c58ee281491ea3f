// The GCS object store (object_store.hpp) over GCS's JSON API: its
// endpoint is storage.gcs.endpoint (empty: Google's), its identity comes
// from gcs_auth.hpp. Internal to the storage layer: others open stores
// through open_object_store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/storage/object_store.hpp"

namespace sparkctl::storage {

// Files of at least `resumable_from` bytes go up in a resumable upload of
// `chunk`-byte requests (GCS wants multiples of 256 KiB), smaller ones in
// one multipart request. Tests lower both to exercise chunking cheaply.
struct GcsUploadSizes {
  std::uint64_t resumable_from = 16 * 1024 * 1024;
  std::uint64_t chunk = 8 * 1024 * 1024;
};

std::unique_ptr<ObjectStore> open_gcs_store(const std::string& bucket, const config::Config& config,
                                            const GcsUploadSizes& sizes = {});

}  // namespace sparkctl::storage
