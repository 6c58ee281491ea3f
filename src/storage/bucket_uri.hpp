// scheme://bucket/key split into its parts, for the stores (which address
// keys within one bucket) and the Stager (which adds keys under a prefix).
#pragma once

#include <string>

namespace sparkctl::storage {

struct BucketUri {
  std::string scheme;  // lower case, as written: "s3a", "s3", "gs"
  std::string bucket;
  std::string key;  // "" for the bucket itself; no leading or trailing '/'
};

// Throws Error::usage when `uri` has no scheme or no bucket.
BucketUri parse_bucket_uri(const std::string& uri);

}  // namespace sparkctl::storage
