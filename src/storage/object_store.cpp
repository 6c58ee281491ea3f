// Which ObjectStore serves a URI: one row per scheme, so another store is
// one opener and one row.
#include "sparkctl/storage/object_store.hpp"

#include "bucket_uri.hpp"
#include "gcs_store.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/storage/s3_store.hpp"

namespace sparkctl::storage {

namespace {

using StoreOpener = std::unique_ptr<ObjectStore> (*)(const std::string& bucket,
                                                     const config::Config& config);

std::unique_ptr<ObjectStore> open_s3(const std::string& bucket, const config::Config& config) {
  return open_s3_store(bucket, config);
}

std::unique_ptr<ObjectStore> open_gcs(const std::string& bucket, const config::Config& config) {
  return open_gcs_store(bucket, config);
}

struct SchemeStore {
  const char* scheme;
  StoreOpener open;
};

constexpr SchemeStore stores[] = {{"s3a", open_s3}, {"s3", open_s3}, {"gs", open_gcs}};

}  // namespace

BucketUri parse_bucket_uri(const std::string& uri) {
  const auto scheme_end = uri.find("://");
  if (scheme_end == std::string::npos || scheme_end == 0)
    throw Error::usage("not a bucket URI: " + strings::quoted(uri));
  BucketUri parts;
  parts.scheme = strings::to_lower(uri.substr(0, scheme_end));
  auto rest = uri.substr(scheme_end + 3);
  const auto slash = rest.find('/');
  parts.bucket = rest.substr(0, slash);
  if (parts.bucket.empty()) throw Error::usage("no bucket in " + strings::quoted(uri));
  if (slash != std::string::npos) {
    parts.key = rest.substr(slash + 1);
    while (strings::starts_with(parts.key, "/")) parts.key.erase(0, 1);
    while (!parts.key.empty() && parts.key.back() == '/') parts.key.pop_back();
  }
  return parts;
}

std::unique_ptr<ObjectStore> open_object_store(const std::string& bucket_uri,
                                               const config::Config& config) {
  const auto parts = parse_bucket_uri(bucket_uri);
  for (const auto& store : stores) {
    if (parts.scheme == store.scheme) return store.open(parts.bucket, config);
  }
  throw Error::usage("cannot store files at " + strings::quoted(bucket_uri) +
                     ": use s3a://bucket or gs://bucket");
}

}  // namespace sparkctl::storage
