// Checksums of local files with OpenSSL: the sha256 that addresses a staged
// file, and the Content-MD5 an S3 store verifies for each body it receives.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace sparkctl::storage {

// Lower-case hex sha256 of `bytes` (the x-amz-content-sha256 of a body).
std::string sha256_hex(std::string_view bytes);

// Base64 of the MD5 of `length` bytes of `file` from `offset` (a
// Content-MD5 header's value). Throws Error::usage when the file is shorter.
std::string file_range_md5_base64(const std::filesystem::path& file, std::uint64_t offset,
                                  std::uint64_t length);

}  // namespace sparkctl::storage
