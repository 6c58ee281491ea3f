// Who sparkctl is to an S3 store, found where AWS tools look, in their
// order: the storage.s3.* keys, the AWS_* environment, then the shared
// credentials file (~/.aws/credentials, the $AWS_PROFILE section or
// [default]). Nothing here is ever printed.
#pragma once

#include <string>

#include "sparkctl/config/config.hpp"

namespace sparkctl::storage {

struct S3Credentials {
  std::string access_key;
  std::string secret_key;
  std::string session_token;  // "" unless temporary credentials
};

// Throws Error::usage naming the places it looked when none has a key pair.
S3Credentials find_s3_credentials(const config::Config& config);

}  // namespace sparkctl::storage
