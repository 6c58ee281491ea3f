// The GCS store against a real GCS-compatible server on loopback
// (fake-gcs-server, scripts/gcs-server.sh, started by the ctest fixture
// storage_gcs_server): stat, multipart and resumable uploads checked by the
// MD5 the server verifies, what a failed upload leaves, the server's errors.
#include "gcs_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "gcs_test_support.hpp"
#include "http_call.hpp"
#include "sparkctl/core/error.hpp"
#include "temp_dir.hpp"

namespace sparkctl::storage {
namespace {

using testing::config_with;
using testing::sha256_hex;
using testing::write_bytes;

constexpr std::uint64_t kKiB = 1024;
// GCS's smallest chunk; tests upload a few of them instead of megabytes
constexpr GcsUploadSizes kSmallChunks{256 * kKiB, 256 * kKiB};

// The `export NAME=VALUE` lines `gcs-server.sh up` left in the state dir.
std::map<std::string, std::string> server_env() {
  std::ifstream in(std::string(TEST_GCS_STATE_DIR) + "/env");
  std::map<std::string, std::string> env;
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (line.rfind("export ", 0) == 0 && eq != std::string::npos) {
      env[line.substr(7, eq - 7)] = line.substr(eq + 1);
    }
  }
  return env;
}

class GcsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = server_env();
    endpoint_ = env["SPARKCTL_TEST_GCS_ENDPOINT"];
    bucket_ = env["SPARKCTL_TEST_GCS_BUCKET"];
    ASSERT_FALSE(endpoint_.empty()) << "no GCS test server (fixture storage_gcs_server)";
    config_ = config_with({{"storage.gcs.endpoint", endpoint_, "--set"}});
  }

  std::unique_ptr<ObjectStore> store(const GcsUploadSizes& sizes = {}) {
    return open_gcs_store(bucket_, config_, sizes);
  }

  // The object's bytes as the server serves them.
  std::string download(const std::string& key) {
    http::Request request;
    request.url = endpoint_ + "/storage/v1/b/" + bucket_ + "/o/" + http::escape(key) + "?alt=media";
    const auto response = http::perform(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }

  sparkctl::testing::TempDir dir_;
  std::string endpoint_;
  std::string bucket_;
  config::Config config_;
};

TEST_F(GcsStoreTest, StatOfMissingObjectIsEmpty) {
  EXPECT_EQ(store()->stat("nothing/here.py"), std::nullopt);
}

TEST_F(GcsStoreTest, SmallFileGoesUpInOneRequestAndStatFindsIt) {
  const auto file = dir_ / "app.py";
  const auto bytes = write_bytes(file, 5000);
  const auto sha256 = sha256_hex(file);
  std::uint64_t last_sent = 0;
  std::uint64_t last_total = 0;
  store()->put("small/app.py", file, sha256, [&](std::uint64_t sent, std::uint64_t total) {
    EXPECT_GE(sent, last_sent);
    last_sent = sent;
    last_total = total;
  });
  EXPECT_EQ(last_sent, 5000u);
  EXPECT_EQ(last_total, 5000u);

  const auto info = store()->stat("small/app.py");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, 5000u);
  EXPECT_EQ(info->sha256, sha256);
  EXPECT_EQ(download("small/app.py"), bytes);
}

TEST_F(GcsStoreTest, GetDownloadsWhatWasStagedAndAMissingObjectIsRefused) {
  const auto file = dir_ / "lookup.csv";
  const auto bytes = write_bytes(file, 70000);
  store()->put("get/lookup.csv", file, sha256_hex(file), {});
  const auto fetched = dir_ / "fetched.csv";
  store()->get("get/lookup.csv", fetched);
  EXPECT_EQ(sha256_hex(fetched), sha256_hex(file));
  EXPECT_THROW(store()->get("get/missing.csv", dir_ / "missing.csv"), Error);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.csv"));
}

TEST_F(GcsStoreTest, EmptyFileIsAnObjectToo) {
  const auto file = dir_ / "empty.txt";
  write_bytes(file, 0);
  store()->put("small/empty.txt", file, sha256_hex(file), {});
  const auto info = store()->stat("small/empty.txt");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, 0u);
}

TEST_F(GcsStoreTest, KeyWithSpacesAndPlusIsEscaped) {
  const auto file = dir_ / "lib.zip";
  write_bytes(file, 100);
  store()->put("odd names/a+b c.zip", file, sha256_hex(file), {});
  EXPECT_TRUE(store()->stat("odd names/a+b c.zip"));
  EXPECT_EQ(store()->stat("odd names/a b c.zip"), std::nullopt);
}

TEST_F(GcsStoreTest, LargeFileGoesUpInResumableChunks) {
  const auto file = dir_ / "big.jar";
  const std::size_t size = 700 * kKiB;  // two full chunks and a partial one
  const auto bytes = write_bytes(file, size);
  std::vector<std::uint64_t> progress;
  store(kSmallChunks)
      ->put("large/big.jar", file, sha256_hex(file), [&](std::uint64_t sent, std::uint64_t total) {
        EXPECT_EQ(total, size);
        if (progress.empty() || sent != progress.back()) progress.push_back(sent);
      });
  ASSERT_FALSE(progress.empty());
  EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
  EXPECT_EQ(progress.back(), size);
  // bytes of the third chunk were reported: the offset of earlier chunks counts
  EXPECT_GT(progress[progress.size() - 2], 512 * kKiB);

  const auto info = store()->stat("large/big.jar");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->size, size);
  EXPECT_EQ(download("large/big.jar"), bytes);
}

TEST_F(GcsStoreTest, InterruptedChunkedUploadLeavesNothing) {
  const auto file = dir_ / "interrupted.jar";
  write_bytes(file, 700 * kKiB);
  auto interrupt_in_second_chunk = [](std::uint64_t sent, std::uint64_t) {
    if (sent > 300 * kKiB) throw Error::interrupted("interrupted");
  };
  try {
    store(kSmallChunks)
        ->put("large/interrupted.jar", file, sha256_hex(file), interrupt_in_second_chunk);
    FAIL() << "the upload was not interrupted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::interrupted);
  }
  EXPECT_EQ(store()->stat("large/interrupted.jar"), std::nullopt);
}

TEST_F(GcsStoreTest, MissingBucketIsClusterErrorWithServersMessage) {
  const auto file = dir_ / "app.py";
  write_bytes(file, 100);
  try {
    open_gcs_store("no-such-bucket", config_)->put("app.py", file, sha256_hex(file), {});
    FAIL() << "upload into a missing bucket succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_EQ(std::string(e.what()),
              "cannot upload to gs://no-such-bucket/app.py: Not Found (HTTP 404)");
  }
}

TEST_F(GcsStoreTest, MissingBucketFailsAChunkedUploadToo) {
  const auto file = dir_ / "big.jar";
  write_bytes(file, 300 * kKiB);
  try {
    open_gcs_store("no-such-bucket", config_, kSmallChunks)
        ->put("big.jar", file, sha256_hex(file), {});
    FAIL() << "upload into a missing bucket succeeded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_NE(std::string(e.what()).find("cannot upload to gs://no-such-bucket/big.jar: "),
              std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("(HTTP 404)"), std::string::npos) << e.what();
  }
}

TEST_F(GcsStoreTest, UnreachableServerIsClusterError) {
  // a port nothing listens on: the server's own, after `down` would be
  // racy, so the discard port of loopback
  const auto config = config_with({{"storage.gcs.endpoint", "http://127.0.0.1:9", "--set"}});
  try {
    open_gcs_store(bucket_, config)->stat("app.py");
    FAIL() << "stat reached a server on port 9";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_NE(std::string(e.what()).find("cannot read gs://" + bucket_ +
                                         "/app.py: cannot reach GCS at "
                                         "http://127.0.0.1:9: "),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sparkctl::storage
