// Staging without a store: which paths are remote, zips of folders that
// depend only on their contents, the Stager's addresses and settings, and
// the stores open_object_store knows.
#include "sparkctl/storage/staging.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "sparkctl/storage/object_store.hpp"
#include "sparkctl/storage/s3_store.hpp"
#include "storage_test_support.hpp"
#include "temp_dir.hpp"

namespace sparkctl::storage {
namespace {

namespace fs = std::filesystem;

template <typename Action>
void expect_error(ErrorKind kind, const std::string& part, Action action) {
  const auto message = error_of(kind, action);
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

// A small Python package: sources, compiled files, a nested module.
void write_package(const testing::TempDir& dir) {
  fs::create_directories(dir / "mylib/sub");
  fs::create_directories(dir / "mylib/__pycache__");
  dir.write("mylib/__init__.py", "from .core import answer\n");
  dir.write("mylib/core.py", "def answer():\n    return 42\n");
  dir.write("mylib/sub/tool.py", "NAME = 'tool'\n");
  dir.write("mylib/__pycache__/core.cpython-311.pyc", "compiled");
  dir.write("mylib/stale.pyc", "compiled");
}

// The entry names of a zip, from its central directory (the Python that
// the cluster runs reads the same way).
std::string zip_names(const fs::path& zip) {
  const std::string command =
      "python3 -c \"import sys, zipfile; print(' '.join("
      "zipfile.ZipFile(sys.argv[1]).namelist()))\" " +
      zip.string();
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    ::pclose(pipe);
  }
  return out;
}

TEST(RemoteUri, WhatTheClusterReadsAsItIs) {
  for (const char* remote :
       {"s3a://b/app.py", "s3://b/app.py", "gs://b/dep.zip", "https://example.com/app.py",
        "http://x/y.jar", "local:///opt/app.py", "S3A://b/app.py"}) {
    EXPECT_TRUE(is_remote_uri(remote)) << remote;
  }
  for (const char* local : {"app.py", "./deps/lib.zip", "/home/me/app.py", "file:///tmp/app.py",
                            "mylib/", "weird:name.py"}) {
    EXPECT_FALSE(is_remote_uri(local)) << local;
  }
}

TEST(FolderZip, SameTreeSameBytes) {
  testing::TempDir dir;
  write_package(dir);
  zip_folder(dir / "mylib", dir / "first.zip");
  // Other times on every file, and a rebuilt __pycache__: nothing the zip keeps.
  for (const auto& entry : fs::recursive_directory_iterator(dir / "mylib")) {
    fs::last_write_time(entry.path(), fs::file_time_type::clock::now() + std::chrono::hours(1));
  }
  dir.write("mylib/__pycache__/core.cpython-311.pyc", "compiled again, other bytes");
  zip_folder(dir / "mylib/", dir / "second.zip");
  EXPECT_EQ(file_sha256(dir / "first.zip"), file_sha256(dir / "second.zip"));

  dir.write("mylib/core.py", "def answer():\n    return 43\n");
  zip_folder(dir / "mylib", dir / "changed.zip");
  EXPECT_NE(file_sha256(dir / "first.zip"), file_sha256(dir / "changed.zip"));
}

TEST(FolderZip, EntriesSortedUnderTheFolderNameWithoutCompiledPython) {
  testing::TempDir dir;
  write_package(dir);
  zip_folder(dir / "mylib", dir / "mylib.zip");
  EXPECT_EQ(zip_names(dir / "mylib.zip"), "mylib/__init__.py mylib/core.py mylib/sub/tool.py\n");
}

TEST(FolderZip, NotAFolderIsUsage) {
  testing::TempDir dir;
  expect_error(ErrorKind::usage, "is not a folder",
               [&] { zip_folder(dir / "missing", dir / "out.zip"); });
}

TEST(ExtractZip, UnpacksWhatZipFolderPackedWithExecutableBits) {
  testing::TempDir dir;
  write_package(dir);
  fs::create_directories(dir / "mylib/bin");
  dir.write("mylib/bin/launch", "#!/bin/sh\necho hi\n");
  fs::permissions(dir / "mylib/bin/launch", fs::perms::owner_all | fs::perms::group_read,
                  fs::perm_options::replace);
  zip_folder(dir / "mylib", dir / "mylib.zip");
  extract_zip(dir / "mylib.zip", dir / "out");
  for (const char* file : {"__init__.py", "core.py", "sub/tool.py", "bin/launch"}) {
    EXPECT_EQ(file_sha256(dir / "out/mylib" / file), file_sha256(dir / "mylib" / file)) << file;
  }
  const auto executable = [](const fs::path& path) {
    return (fs::status(path).permissions() & fs::perms::owner_exec) != fs::perms::none;
  };
  EXPECT_TRUE(executable(dir / "out/mylib/bin/launch"));
  EXPECT_FALSE(executable(dir / "out/mylib/core.py"));
  EXPECT_FALSE(fs::exists(dir / "out/mylib/__pycache__"));
}

TEST(ExtractZip, AnEntryOutsideTheFolderIsRefused) {
  testing::TempDir dir;
  const auto zip = dir.path() / "evil.zip";
  const std::string command =
      "python3 -c \"import sys, zipfile; "
      "zipfile.ZipFile(sys.argv[1], 'w').writestr('../evil', 'x')\" " +
      zip.string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  expect_error(ErrorKind::cluster, "has an entry outside its folder: ../evil",
               [&] { extract_zip(zip, dir / "out"); });
  EXPECT_FALSE(fs::exists(dir.path() / "evil"));
}

TEST(FileSha256, KnownDigest) {
  testing::TempDir dir;
  EXPECT_EQ(file_sha256(dir.write("abc", "abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(file_sha256(dir.write("empty", "")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(StagerPlan, ContentAddressedUris) {
  testing::TempDir dir;
  write_package(dir);
  const auto app = dir.write("app.py", "abc");
  const auto config = config_with({{"storage.staging_uri", "s3a://bucket/staging/", "--set"}});
  Stager stager(config, dir / "work");

  const auto file = stager.plan(app);
  EXPECT_EQ(file.uri, "s3a://bucket/staging/ba7816bf8f01cfea/app.py");
  EXPECT_EQ(file.file, fs::path(app));
  EXPECT_FALSE(file.uploaded);

  const auto folder = stager.plan(dir / "mylib/");
  EXPECT_EQ(folder.file.filename(), "mylib.zip");
  EXPECT_EQ(folder.uri,
            "s3a://bucket/staging/" + file_sha256(folder.file).substr(0, 16) + "/mylib.zip");
  EXPECT_EQ(stager.plan(dir / "mylib").uri, folder.uri);
}

TEST(StagerPlan, MissingLocalFileIsUsage) {
  testing::TempDir dir;
  Stager stager(config_with({{"storage.staging_uri", "gs://bucket", "--set"}}), dir.path());
  expect_error(ErrorKind::usage, "no such file or folder",
               [&] { stager.plan(dir / "nothing.py"); });
}

TEST(StagerSettings, StagingUriMustBeABucketUri) {
  testing::TempDir dir;
  expect_error(ErrorKind::usage, "storage.staging_uri is not set",
               [&] { Stager(config_with({}), dir.path()); });
  expect_error(ErrorKind::usage, "storage.staging_uri", [&] {
    Stager(config_with({{"storage.staging_uri", "/tmp/staging", "--set"}}), dir.path());
  });
  expect_error(ErrorKind::usage, "storage.staging_uri", [&] {
    Stager(config_with({{"storage.staging_uri", "hdfs://nn/staging", "--set"}}), dir.path());
  });
}

TEST(ObjectStores, ByScheme) {
  const auto config = config_with(
      {{"storage.s3.access_key", "AK", "--set"}, {"storage.s3.secret_key", "SK", "--set"}});
  EXPECT_NE(open_object_store("s3a://bucket", config), nullptr);
  EXPECT_NE(open_object_store("s3://bucket/prefix", config), nullptr);
  const auto gcs = config_with({{"storage.gcs.endpoint", "http://127.0.0.1:1", "--set"}});
  EXPECT_NE(open_object_store("gs://bucket", gcs), nullptr);
  expect_error(ErrorKind::usage, "s3a://bucket", [&] { open_object_store("hdfs://nn/x", config); });
  expect_error(ErrorKind::usage, "no bucket", [&] { open_object_store("s3a://", config); });
}

// Sets environment variables for one test and puts the old values back.
class ScopedEnvironment {
 public:
  void set(const char* name, const std::string& value) {
    remember(name);
    ::setenv(name, value.c_str(), 1);
  }
  void unset(const char* name) {
    remember(name);
    ::unsetenv(name);
  }
  ~ScopedEnvironment() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }

 private:
  void remember(const char* name) {
    const char* value = std::getenv(name);
    saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(S3Credentials, SharedCredentialsFileProfile) {
  testing::TempDir dir;
  ScopedEnvironment env;
  for (const char* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"})
    env.unset(name);
  env.set("AWS_SHARED_CREDENTIALS_FILE", (dir / "credentials").string());
  env.set("AWS_PROFILE", "staging");
  expect_error(ErrorKind::usage, "profile [staging] in " + (dir / "credentials").string(),
               [&] { open_s3_store("bucket", config_with({})); });

  dir.write("credentials",
            "[default]\naws_access_key_id = DEFAULT\naws_secret_access_key = default-secret\n"
            "# the team's\n[staging]\naws_access_key_id=AK\naws_secret_access_key = SK\n");
  EXPECT_NE(open_s3_store("bucket", config_with({})), nullptr);
}

TEST(S3Credentials, HalfAKeyPairIsUsage) {
  expect_error(ErrorKind::usage, "must be set together", [] {
    open_s3_store("bucket", config_with({{"storage.s3.access_key", "AK", "--set"}}));
  });
}

}  // namespace
}  // namespace sparkctl::storage
