// --requirements packed with the venv's real pip, from the wheels set-up
// fetched (PIP_NO_INDEX: no index is asked): for the image's Python and
// this machine's, cached by what went into them, and a package without a
// build named in an Error::usage.
#include "python_requirements.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "sparkctl/core/error.hpp"
#include "sparkctl/storage/staging.hpp"
#include "temp_dir.hpp"

namespace sparkctl::cli {
namespace {

namespace fs = std::filesystem;

// The cache and pip's index settings of this test only, restored after it.
class PackRequirements : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"SPARKCTL_STATE_DIR", "PIP_NO_INDEX", "PIP_FIND_LINKS"}) {
      const char* value = std::getenv(name);
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    ::setenv("SPARKCTL_STATE_DIR", (dir_.path() / "state").c_str(), 1);
    ::setenv("PIP_NO_INDEX", "1", 1);
    ::setenv("PIP_FIND_LINKS", TEST_WHEELS_DIR, 1);
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }
  fs::path requirements(const std::string& text) {
    const auto path = dir_.path() / "requirements.txt";
    std::ofstream(path) << text;
    return path;
  }

  testing::TempDir dir_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(CompatiblePlatforms, ANewerGlibcTakesTheOlderManylinuxWheels) {
  const auto platforms = compatible_platforms("manylinux_2_20_aarch64");
  EXPECT_EQ(platforms, (std::vector<std::string>{"manylinux_2_20_aarch64", "manylinux_2_19_aarch64",
                                                 "manylinux_2_18_aarch64", "manylinux_2_17_aarch64",
                                                 "manylinux2014_aarch64"}));
  EXPECT_EQ(compatible_platforms("macosx_14_0_arm64"),
            std::vector<std::string>{"macosx_14_0_arm64"});
}

TEST_F(PackRequirements, ForTheImagesPythonOnceWithTheLauncherAndTheCompiledPackage) {
  const auto file = requirements("mmh3==5.3.1\n");
  const PythonTarget image{"3.11", "manylinux_2_36_x86_64"};
  const auto packed = pack_requirements(file, SPARKCTL_TEST_PYTHON, image);
  ASSERT_TRUE(fs::exists(packed.archive));
  EXPECT_EQ(packed.archive.filename(), "sparkctl-python-deps.zip");
  const auto launcher = packed.folder / "python/bin/python";
  ASSERT_TRUE(fs::exists(launcher));
  EXPECT_NE(fs::status(launcher).permissions() & fs::perms::owner_exec, fs::perms::none);
  EXPECT_TRUE(fs::exists(packed.folder / "python/site/mmh3.cpython-311-x86_64-linux-gnu.so"));

  // The archive unpacked, as Spark unpacks it, holds the same launcher.
  storage::extract_zip(packed.archive, dir_.path() / "unpacked");
  EXPECT_EQ(storage::file_sha256(dir_.path() / "unpacked/python/bin/python"),
            storage::file_sha256(launcher));

  // The launcher runs Python with the packages on its path.
  const std::string import = launcher.string() + " -c 'import mmh3; print(mmh3.hash(\"x\"))'";
  EXPECT_EQ(std::system(import.c_str()), 0);

  // Packed before: the cache answers, pip does not run (no index, no wheels either).
  const auto before = fs::last_write_time(packed.archive);
  ::setenv("PIP_FIND_LINKS", dir_.path().c_str(), 1);
  const auto again = pack_requirements(file, SPARKCTL_TEST_PYTHON, image);
  EXPECT_EQ(again.archive, packed.archive);
  EXPECT_EQ(fs::last_write_time(again.archive), before);

  // Another target is another pack.
  ::setenv("PIP_FIND_LINKS", TEST_WHEELS_DIR, 1);
  const auto local = pack_requirements(file, SPARKCTL_TEST_PYTHON, {});
  EXPECT_NE(local.archive, packed.archive);
}

TEST_F(PackRequirements, APackageWithoutABuildIsUsageNamingItAndLeavesNothing) {
  const auto file = requirements("sparkctl-test-no-such-package==2.0\n");
  try {
    pack_requirements(file, SPARKCTL_TEST_PYTHON, {"3.11", "manylinux_2_36_x86_64"});
    FAIL() << "packed a package that has no build";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find("no build of sparkctl-test-no-such-package==2.0 for "
                                         "Python 3.11 on manylinux_2_36_x86_64"),
              std::string::npos)
        << e.what();
  }
  const auto cache = dir_.path() / "state/python-deps";
  EXPECT_TRUE(!fs::exists(cache) || fs::is_empty(cache)) << "half-made packs left in the cache";
}

}  // namespace
}  // namespace sparkctl::cli
