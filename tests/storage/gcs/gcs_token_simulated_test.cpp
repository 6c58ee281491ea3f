// Where the GCS store's identity comes from, and the service-account token
// exchange. GCS's token endpoint cannot run here and the fake GCS server has
// none, so the exchange runs against a SIMULATED endpoint
// (token_endpoint.py): the tests named *Simulated* check what sparkctl
// sends it — the JWT's claims and its RS256 signature, verified with the
// public half of a key pair made for the test — and that the token it
// answers is the one sparkctl then sends. The key never leaves the temp dir.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "gcs_store.hpp"
#include "gcs_test_support.hpp"
#include "http_call.hpp"
#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "temp_dir.hpp"

namespace sparkctl::storage {
namespace {

using testing::config_with;
using testing::run_to_end;

constexpr const char* kAccessToken = "ya29.simulated-access-token";
constexpr const char* kClientEmail = "stager@sparkctl-test.iam.gserviceaccount.com";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string base64url_decode(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (text.size() % 4 != 0) text += '=';
  return base64_decode(text).value_or("");
}

// The value of `name` in a form body (a=b&c=d), URL-decoded.
std::string form_field(const std::string& form, const std::string& name) {
  for (const auto& pair : strings::split(form, '&')) {
    if (strings::starts_with(pair, name + "=")) {
      std::string value;
      const auto raw = pair.substr(name.size() + 1);
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          value += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          value += raw[i] == '+' ? ' ' : raw[i];
        }
      }
      return value;
    }
  }
  return "";
}

bool signature_verifies(const std::string& public_pem, const std::string& input,
                        const std::string& signature) {
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok;
}

// The simulated endpoint, with a key pair made for this test and a
// service-account key file whose token_uri points at it.
class GcsTokenExchangeSimulatedEndpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_to_end({"openssl", "genrsa", "-out", (dir_ / "private.pem").string(), "2048"}),
              0);
    ASSERT_EQ(run_to_end({"openssl", "rsa", "-in", (dir_ / "private.pem").string(), "-pubout",
                          "-out", (dir_ / "public.pem").string()}),
              0);
    ProcessSpec spec;
    spec.argv = {"python3", TEST_TOKEN_ENDPOINT, (dir_ / "port").string(),
                 (dir_ / "record").string(), kAccessToken};
    spec.search_path = true;
    pid_ = spawn_process(spec);
    for (int i = 0; i < 100 && !std::filesystem::exists(dir_ / "port"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(std::filesystem::exists(dir_ / "port")) << "the simulated endpoint did not start";
    endpoint_ = "http://127.0.0.1:" + read_file(dir_ / "port");
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  // A service-account key file as Google issues them, for this test's key.
  std::string key_file(const std::string& token_path) {
    const nlohmann::json key = {
        {"type", "service_account"},    {"project_id", "sparkctl-test"},
        {"private_key_id", "0123"},     {"private_key", read_file(dir_ / "private.pem")},
        {"client_email", kClientEmail}, {"token_uri", endpoint_ + token_path}};
    return dir_.write("key.json", key.dump());
  }

  sparkctl::testing::TempDir dir_;
  pid_t pid_ = -1;
  std::string endpoint_;
};

TEST_F(GcsTokenExchangeSimulatedEndpoint, SignedJwtBuysTheTokenThatRequestsCarry) {
  const auto config = config_with({{"storage.key_file", key_file("/token"), "--set"},
                                   {"storage.gcs.endpoint", endpoint_, "--set"}});
  // the endpoint answers 404 only to "Bearer <its token>", 401 otherwise
  EXPECT_EQ(open_gcs_store("bucket", config)->stat("app.py"), std::nullopt);

  const auto form = read_file(dir_ / "record");
  EXPECT_EQ(form_field(form, "grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
  const auto parts = strings::split(form_field(form, "assertion"), '.');
  ASSERT_EQ(parts.size(), 3u) << form;
  const auto header = nlohmann::json::parse(base64url_decode(parts[0]));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["typ"], "JWT");
  const auto claims = nlohmann::json::parse(base64url_decode(parts[1]));
  EXPECT_EQ(claims["iss"], kClientEmail);
  EXPECT_EQ(claims["aud"], endpoint_ + "/token");
  EXPECT_EQ(claims["scope"], "https://www.googleapis.com/auth/devstorage.read_write");
  EXPECT_EQ(claims["exp"].get<long>() - claims["iat"].get<long>(), 3600);
  const long now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_LE(std::labs(claims["iat"].get<long>() - now), 60);
  EXPECT_TRUE(signature_verifies(read_file(dir_ / "public.pem"), parts[0] + "." + parts[1],
                                 base64url_decode(parts[2])));
  // and a signature over other claims does not verify: the check means something
  EXPECT_FALSE(signature_verifies(read_file(dir_ / "public.pem"), parts[0] + ".e30",
                                  base64url_decode(parts[2])));
}

TEST_F(GcsTokenExchangeSimulatedEndpoint, RefusedExchangeIsClusterErrorWithoutSecrets) {
  const auto config = config_with({{"storage.key_file", key_file("/token-refuses"), "--set"},
                                   {"storage.gcs.endpoint", endpoint_, "--set"}});
  try {
    open_gcs_store("bucket", config)->stat("app.py");
    FAIL() << "a refused token exchange went unnoticed";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    const std::string message = e.what();
    EXPECT_EQ(message, std::string("cannot get a GCS access token for ") + kClientEmail + " from " +
                           endpoint_ + "/token-refuses: Invalid JWT Signature. (HTTP 400)");
  }
}

TEST_F(GcsTokenExchangeSimulatedEndpoint, WithoutKeyNoAuthorizationIsSent) {
  // a custom endpoint without a key file: a compatible server, no credentials
  const auto config = config_with({{"storage.gcs.endpoint", endpoint_, "--set"}});
  try {
    open_gcs_store("bucket", config)->stat("app.py");
    FAIL() << "the endpoint accepted a request without its token";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_EQ(std::string(e.what()),
              "cannot read gs://bucket/app.py: Anonymous caller has no access (HTTP 401)");
  }
}

// Where the key comes from, without any server.
class GcsCredentials : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* v = std::getenv("GOOGLE_APPLICATION_CREDENTIALS")) saved_ = v;
    ::unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  }
  void TearDown() override {
    if (saved_)
      ::setenv("GOOGLE_APPLICATION_CREDENTIALS", saved_->c_str(), 1);
    else
      ::unsetenv("GOOGLE_APPLICATION_CREDENTIALS");
  }
  std::optional<std::string> saved_;
  sparkctl::testing::TempDir dir_;
};

TEST_F(GcsCredentials, GoogleWithoutKeyIsUsageErrorNamingTheKey) {
  try {
    open_gcs_store("bucket", config_with({}));
    FAIL() << "GCS without credentials was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("storage.key_file"), std::string::npos) << e.what();
  }
}

TEST_F(GcsCredentials, GoogleApplicationCredentialsIsTheFallback) {
  const auto missing = (dir_ / "missing.json").string();
  ::setenv("GOOGLE_APPLICATION_CREDENTIALS", missing.c_str(), 1);
  try {
    open_gcs_store("bucket", config_with({}));
    FAIL() << "a missing key file was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_EQ(std::string(e.what()),
              "cannot read the GCS key file GOOGLE_APPLICATION_CREDENTIALS " + missing);
  }
}

TEST_F(GcsCredentials, KeyFileOfAnotherKindIsRefusedWithoutQuotingIt) {
  const auto path = dir_.write(
      "user.json", R"({"type": "authorized_user", "refresh_token": "1//secret-refresh"})");
  try {
    open_gcs_store("bucket", config_with({{"storage.key_file", path, "--set"}}));
    FAIL() << "a user credential was taken for a service-account key";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    const std::string message = e.what();
    EXPECT_NE(message.find("storage.key_file " + path + " is not a service-account key"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("secret-refresh"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace sparkctl::storage
