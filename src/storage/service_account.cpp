// RS256 over OpenSSL's EVP interface: SHA-256 and PKCS#1 v1.5, the one
// algorithm Google's token endpoint takes for service-account assertions.
#include "service_account.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::storage {

namespace {

std::string key_field(const nlohmann::json& key, const char* name, const std::string& where) {
  const auto it = key.find(name);
  if (it == key.end() || !it->is_string() || it->get<std::string>().empty()) {
    throw Error::usage(where + " is not a service-account key: it has no \"" + name + "\"");
  }
  return it->get<std::string>();
}

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string sign_rs256(const std::string& pem, const std::string& input, const std::string& who) {
  const auto unusable = [&] {
    return Error::usage("the private key of " + who + " is not a usable RSA key");
  };
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) throw unusable();
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw unusable();
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw unusable();
  }
  signature.resize(length);
  return signature;
}

}  // namespace

ServiceAccountKey read_service_account_key(const std::string& path, const std::string& source) {
  const std::string where = source + " " + path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error::usage("cannot read the GCS key file " + where);
  std::stringstream text;
  text << in.rdbuf();
  // no exceptions from the parser: its message would quote the file
  const auto key = nlohmann::json::parse(text.str(), nullptr, false);
  if (!key.is_object()) throw Error::usage(where + " is not a JSON service-account key");
  if (key.value("type", "") != "service_account") {
    throw Error::usage(where +
                       " is not a service-account key (its \"type\" is not "
                       "\"service_account\")");
  }
  return {key_field(key, "client_email", where), key_field(key, "token_uri", where),
          key_field(key, "private_key", where)};
}

std::string base64url(const std::string& bytes) {
  std::string text = base64_encode(bytes);
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::string signed_jwt(const ServiceAccountKey& key, const std::string& scope,
                       std::chrono::system_clock::time_point now) {
  const auto issued =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
  const nlohmann::json claims = {{"iss", key.client_email},
                                 {"scope", scope},
                                 {"aud", key.token_uri},
                                 {"iat", issued},
                                 {"exp", issued + 3600}};
  const std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
  return input + "." + base64url(sign_rs256(key.private_key_pem, input, key.client_email));
}

}  // namespace sparkctl::storage
