#include "digests.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <vector>

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::storage {

namespace {

struct DigestCleanup {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// The raw digest of `length` bytes of `file` from `offset` (to its end
// when `length` is absent).
std::string digest_of(const EVP_MD* kind, const std::filesystem::path& file, std::uint64_t offset,
                      const std::uint64_t* length) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error::usage("cannot read " + file.string());
  in.seekg(static_cast<std::streamoff>(offset));
  std::unique_ptr<EVP_MD_CTX, DigestCleanup> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), kind, nullptr) != 1)
    throw Error::cluster("OpenSSL cannot compute a checksum");
  std::vector<char> buffer(1 << 16);
  std::uint64_t left = length ? *length : UINT64_MAX;
  while (left > 0 && in) {
    in.read(buffer.data(),
            static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), left)));
    const auto got = static_cast<std::uint64_t>(in.gcount());
    if (got == 0) break;
    EVP_DigestUpdate(ctx.get(), buffer.data(), got);
    left -= got;
  }
  if (length && left > 0) throw Error::usage(file.string() + " became shorter while being read");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string hex_of(const std::string& digest) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

}  // namespace

std::string file_sha256(const std::filesystem::path& file) {
  return hex_of(digest_of(EVP_sha256(), file, 0, nullptr));
}

std::string text_sha256(std::string_view text) { return sha256_hex(text); }

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    throw Error::cluster("OpenSSL cannot compute a checksum");
  return hex_of(std::string(reinterpret_cast<const char*>(digest), size));
}

std::string file_range_md5_base64(const std::filesystem::path& file, std::uint64_t offset,
                                  std::uint64_t length) {
  return base64_encode(digest_of(EVP_md5(), file, offset, &length));
}

}  // namespace sparkctl::storage
