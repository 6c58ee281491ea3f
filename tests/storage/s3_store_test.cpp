// The S3 object store against a real S3 store (S3Proxy on loopback, the
// fixture storage_s3_store): stat, small and multipart uploads (parts one
// after another and several at once), uploads that fail and must leave
// nothing behind, refusals in the store's own words without the secret,
// and the Stager uploading a file only once.
#include "sparkctl/storage/s3_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "s3_client.hpp"
#include "sparkctl/storage/staging.hpp"
#include "storage_test_support.hpp"
#include "temp_dir.hpp"

namespace sparkctl::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t mebibyte = 1 << 20;

// The test store's endpoint, keys, bucket and region: the `env` file
// scripts/s3-server.sh writes into its state dir.
struct TestStore {
  std::string endpoint, access_key, secret_key, bucket, region;
};

const TestStore& test_store() {
  static const TestStore store = [] {
    std::map<std::string, std::string> values;
    std::ifstream in(std::string(TEST_S3_STATE_DIR) + "/env");
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (line.rfind("export ", 0) == 0 && eq != std::string::npos)
        values[line.substr(7, eq - 7)] = line.substr(eq + 1);
    }
    return TestStore{values["SPARKCTL_TEST_S3_ENDPOINT"], values["SPARKCTL_TEST_S3_ACCESS_KEY"],
                     values["SPARKCTL_TEST_S3_SECRET_KEY"], values["SPARKCTL_TEST_S3_BUCKET"],
                     values["SPARKCTL_TEST_S3_REGION"]};
  }();
  return store;
}

config::Config store_config(const std::string& secret_key = test_store().secret_key,
                            const std::string& endpoint = test_store().endpoint) {
  return config_with(
      {{"storage.s3.endpoint", endpoint, "--set"},
       {"storage.s3.access_key", test_store().access_key, "--set"},
       {"storage.s3.secret_key", secret_key, "--set"},
       {"storage.s3.region", test_store().region, "--set"},
       {"storage.staging_uri", "s3a://" + test_store().bucket + "/staging", "--set"}});
}

S3Client test_client() {
  return S3Client({test_store().endpoint, test_store().region, true}, test_store().bucket,
                  {test_store().access_key, test_store().secret_key, ""});
}

// Multipart uploads the store has begun and nobody completed or aborted.
// The pending part uploads under the running test's own keys (tests run in
// parallel against one store).
std::string pending_uploads() {
  const std::string prefix =
      std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "/";
  auto listing =
      test_client().send(S3Request("GET", "", "prefix=" + s3_escape(prefix, false) + "&uploads="));
  EXPECT_EQ(listing.status, 200) << listing.body;
  return xml_element(listing.body, "Upload");
}

std::string read_object(const std::string& key) {
  auto response = test_client().send(S3Request("GET", key));
  EXPECT_EQ(response.status, 200) << key;
  return response.body;
}

// `size` bytes that differ from part to part (a swapped part would show).
std::string random_bytes(std::size_t size, unsigned seed) {
  std::mt19937 generator(seed);
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(generator());
  return bytes;
}

// S3's smallest parts (and the test store's), sent one after another by
// the caller's thread, or four at once.
const S3UploadOptions one_part_at_a_time{5 * mebibyte, 5 * mebibyte, 1};
const S3UploadOptions parts_at_once{5 * mebibyte, 5 * mebibyte, 4};

class S3Store : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(test_store().endpoint.empty())
        << "no S3 store: run the fixture storage.s3_store_up";
  }
  // A key of its own per test, so the tests never see each other's objects.
  std::string key(const std::string& name) const {
    return std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "/" +
           name;
  }
  testing::TempDir dir_;
};

TEST_F(S3Store, StatOfMissingAndPresentObjects) {
  auto store = open_s3_store(test_store().bucket, store_config());
  EXPECT_FALSE(store->stat(key("missing.py")).has_value());

  const auto file = dir_.write("app.py", "print('hello')\n");
  const auto sha = file_sha256(file);
  store->put(key("app.py"), file, sha, {});
  const auto info = store->stat(key("app.py"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->size, 15u);
  EXPECT_EQ(info->sha256, sha);
  EXPECT_EQ(read_object(key("app.py")), "print('hello')\n");
}

// What a driver pod does with a staged file: download it whole.
TEST_F(S3Store, GetDownloadsWhatWasStagedAndAMissingObjectIsRefused) {
  auto store = open_s3_store(test_store().bucket, store_config());
  const auto file = dir_.write("lookup.csv", random_bytes(200 * 1024, 7));
  store->put(key("lookup.csv"), file, file_sha256(file), {});
  const auto fetched = dir_.path() / "fetched.csv";
  store->get(key("lookup.csv"), fetched);
  EXPECT_EQ(file_sha256(fetched), file_sha256(file));
  try {
    store->get(key("missing.csv"), dir_.path() / "missing.csv");
    FAIL() << "a missing object was downloaded";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_NE(std::string(e.what()).find("NoSuchKey"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "missing.csv"));
}

TEST_F(S3Store, SmallPutReportsProgress) {
  auto store = open_s3_store(test_store().bucket, store_config());
  const auto file = dir_.write("data.bin", random_bytes(300 * 1024, 1));
  std::uint64_t last_sent = 0, last_total = 0;
  store->put(key("data.bin"), file, file_sha256(file),
             [&](std::uint64_t sent, std::uint64_t total) {
               EXPECT_GE(sent, last_sent);
               last_sent = sent;
               last_total = total;
             });
  EXPECT_EQ(last_total, 300u * 1024);
  EXPECT_EQ(last_sent, 300u * 1024);
  EXPECT_EQ(store->stat(key("data.bin"))->size, 300u * 1024);
}

TEST_F(S3Store, WrongChecksumIsRefusedAndLeavesNothing) {
  auto store = open_s3_store(test_store().bucket, store_config());
  const auto file = dir_.write("app.py", "print('hello')\n");
  const auto wrong = file_sha256(dir_.write("other.py", "print('other')\n"));
  const auto message =
      error_of(ErrorKind::cluster, [&] { store->put(key("app.py"), file, wrong, {}); });
  EXPECT_NE(message.find("cannot upload to s3a://" + test_store().bucket + "/" + key("app.py")),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(HTTP 400)"), std::string::npos) << message;
  EXPECT_FALSE(store->stat(key("app.py")).has_value());
}

TEST_F(S3Store, LargeFileGoesUpInParts) {
  auto store = open_s3_store(test_store().bucket, store_config(), one_part_at_a_time);
  const auto bytes = random_bytes(12 * mebibyte + 123, 2);  // parts of 5, 5 and 2 MiB
  const auto file = dir_.write("big.bin", bytes);
  std::uint64_t last_sent = 0;
  store->put(key("big.bin"), file, file_sha256(file), [&](std::uint64_t sent, std::uint64_t total) {
    EXPECT_GE(sent, last_sent);
    EXPECT_EQ(total, bytes.size());
    last_sent = sent;
  });
  EXPECT_EQ(last_sent, bytes.size());
  const auto info = store->stat(key("big.bin"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->size, bytes.size());
  EXPECT_EQ(info->sha256, file_sha256(file));
  EXPECT_TRUE(read_object(key("big.bin")) == bytes);
  EXPECT_EQ(pending_uploads(), "");
}

TEST_F(S3Store, StoppedMultipartUploadIsAborted) {
  auto store = open_s3_store(test_store().bucket, store_config(), one_part_at_a_time);
  const auto file = dir_.write("big.bin", random_bytes(11 * mebibyte, 3));
  // As Ctrl-C would: the progress callback throws once the first part is up
  // (and the store lists the upload: the listing below can see one).
  std::string pending_when_stopped;
  const auto message = error_of(ErrorKind::interrupted, [&] {
    store->put(key("big.bin"), file, file_sha256(file), [&](std::uint64_t sent, std::uint64_t) {
      if (sent <= 6 * mebibyte) return;
      pending_when_stopped = pending_uploads();
      throw Error::interrupted("interrupted");
    });
  });
  EXPECT_EQ(message, "interrupted");
  EXPECT_NE(pending_when_stopped.find(key("big.bin")), std::string::npos) << pending_when_stopped;
  EXPECT_FALSE(store->stat(key("big.bin")).has_value());
  EXPECT_EQ(pending_uploads(), "");
}

TEST_F(S3Store, FileShrinkingDuringMultipartUploadIsAborted) {
  auto store = open_s3_store(test_store().bucket, store_config(), parts_at_once);
  const auto file = dir_.write("big.bin", random_bytes(11 * mebibyte, 4));
  const auto sha = file_sha256(file);
  bool truncated = false;
  const auto message = error_of(ErrorKind::usage, [&] {
    store->put(key("big.bin"), file, sha, [&](std::uint64_t sent, std::uint64_t) {
      if (sent > 2 * mebibyte && !truncated) {
        fs::resize_file(file, 3 * mebibyte);
        truncated = true;
      }
    });
  });
  EXPECT_NE(message.find("big.bin"), std::string::npos) << message;
  EXPECT_FALSE(store->stat(key("big.bin")).has_value());
  EXPECT_EQ(pending_uploads(), "");
}

TEST_F(S3Store, PartsSentAtOnceArriveWholeAndInOrder) {
  auto store = open_s3_store(test_store().bucket, store_config(), parts_at_once);
  const auto bytes = random_bytes(15 * mebibyte + 321, 5);  // 4 parts, all in flight at once
  const auto file = dir_.write("big.bin", bytes);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::atomic<int> inside{0};
  std::uint64_t last_sent = 0;
  store->put(key("big.bin"), file, file_sha256(file), [&](std::uint64_t sent, std::uint64_t total) {
    EXPECT_EQ(++inside, 1) << "the progress callback ran for two parts at once";
    EXPECT_GE(sent, last_sent);
    EXPECT_EQ(total, bytes.size());
    last_sent = sent;
    {
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
    }
    --inside;
  });
  EXPECT_EQ(last_sent, bytes.size());
  EXPECT_GE(threads.size(), 2u) << "the parts went one after another";
  const auto info = store->stat(key("big.bin"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->sha256, file_sha256(file));
  EXPECT_TRUE(read_object(key("big.bin")) == bytes);
  EXPECT_EQ(pending_uploads(), "");
}

// The callback's exception stands for any part's failure: the parts in
// flight stop, the upload is aborted, and that first failure is what put()
// throws (not how the others were stopped).
TEST_F(S3Store, FailureWhilePartsAreInFlightAbortsTheUpload) {
  auto store = open_s3_store(test_store().bucket, store_config(), parts_at_once);
  const auto file = dir_.write("big.bin", random_bytes(15 * mebibyte + 321, 6));
  std::string pending_when_failed;
  int calls_after_failure = 0;
  bool failed = false;
  const auto message = error_of(ErrorKind::interrupted, [&] {
    store->put(key("big.bin"), file, file_sha256(file), [&](std::uint64_t sent, std::uint64_t) {
      if (failed) ++calls_after_failure;
      if (failed || sent <= 6 * mebibyte) return;
      pending_when_failed = pending_uploads();
      failed = true;
      throw Error::interrupted("the first failure");
    });
  });
  EXPECT_EQ(message, "the first failure");
  EXPECT_EQ(calls_after_failure, 0);
  EXPECT_NE(pending_when_failed.find(key("big.bin")), std::string::npos) << pending_when_failed;
  EXPECT_FALSE(store->stat(key("big.bin")).has_value());
  EXPECT_EQ(pending_uploads(), "");
}

TEST_F(S3Store, WrongSecretIsTheStoresMessageWithoutTheSecret) {
  const std::string wrong_secret = "not-the-secret-0123456789abcdef";
  auto store = open_s3_store(test_store().bucket, store_config(wrong_secret));
  const auto file = dir_.write("app.py", "print('hello')\n");
  for (const auto& message : {error_of(ErrorKind::cluster, [&] { store->stat(key("app.py")); }),
                              error_of(ErrorKind::cluster, [&] {
                                store->put(key("app.py"), file, file_sha256(file), {});
                              })}) {
    EXPECT_NE(message.find("SignatureDoesNotMatch"), std::string::npos) << message;
    EXPECT_NE(message.find("(HTTP 403)"), std::string::npos) << message;
    EXPECT_EQ(message.find(wrong_secret), std::string::npos) << message;
    EXPECT_EQ(message.find(test_store().secret_key), std::string::npos) << message;
  }
}

TEST_F(S3Store, MissingBucketIsRefused) {
  auto store = open_s3_store("no-such-bucket", store_config());
  const auto file = dir_.write("app.py", "print('hello')\n");
  for (const auto& message :
       {error_of(ErrorKind::cluster, [&] { store->stat("app.py"); }),
        error_of(ErrorKind::cluster, [&] { store->put("app.py", file, file_sha256(file), {}); })}) {
    EXPECT_NE(message.find("s3a://no-such-bucket/app.py"), std::string::npos) << message;
    EXPECT_NE(message.find("NoSuchBucket"), std::string::npos) << message;
  }
}

TEST_F(S3Store, UnreachableEndpointIsNamed) {
  // A port nothing listens on: the store's port, once it is down, is not
  // certain to stay free; port 9 (discard) on loopback has no server here.
  auto store = open_s3_store(test_store().bucket,
                             store_config(test_store().secret_key, "http://127.0.0.1:9"));
  const auto message = error_of(ErrorKind::cluster, [&] { store->stat("app.py"); });
  EXPECT_NE(message.find("cannot reach the S3 endpoint http://127.0.0.1:9"), std::string::npos)
      << message;
}

TEST_F(S3Store, StagerUploadsOnlyOnce) {
  const auto config = store_config();
  fs::create_directories(dir_ / "mylib");
  dir_.write("mylib/__init__.py", "VALUE = 1\n");
  const auto app = dir_.write("app.py", "import mylib\nprint(mylib.VALUE)\n");
  Stager stager(config, dir_ / "work");
  for (const auto& local : {fs::path(app), dir_ / "mylib"}) {
    const auto first = stager.stage(local);
    EXPECT_TRUE(first.uploaded) << local;
    EXPECT_EQ(
        first.uri.rfind(
            "s3a://" + test_store().bucket + "/staging/" + first.sha256.substr(0, 16) + "/", 0),
        0u)
        << first.uri;
    const auto second = Stager(config, dir_ / "work2").stage(local);
    EXPECT_FALSE(second.uploaded) << local;
    EXPECT_EQ(second.uri, first.uri);
  }
}

}  // namespace
}  // namespace sparkctl::storage
