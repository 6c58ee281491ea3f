// The class-data archive cache: one archive per JDK and class path, owner-
// only, recorded only when the JVM finished writing it. (The JVM's side —
// a faster start with the archive — is measured by bench/pi/run.sh.)
#include "class_archive.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace sparkctl::runtime {
namespace {

namespace fs = std::filesystem;

class ClassArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "sparkctl-cds-XXXXXX").string();
    root_ = ::mkdtemp(pattern.data());
    fs::create_directories(root_ / "java" / "lib" / "server");
    std::ofstream(root_ / "java" / "release") << "JAVA_VERSION=\"17.0.15\"\n";
    fs::create_directories(root_ / "spark" / "jars");
    std::ofstream(root_ / "spark" / "jars" / "spark-core.jar") << "jar";
    ::setenv("SPARKCTL_CLASS_ARCHIVE_DIR", (root_ / "archives").c_str(), 1);
  }
  void TearDown() override {
    ::unsetenv("SPARKCTL_CLASS_ARCHIVE_DIR");
    fs::remove_all(root_);
  }
  ClassArchive archive(bool may_record = true) {
    return class_archive_for(root_ / "java", root_ / "spark", {}, may_record);
  }
  static void write_archive(const fs::path& file, bool valid) {
    std::ofstream out(file, std::ios::binary);
    out << (valid ? std::string("\xa8\xab\x0b\xf0", 4) : std::string("junk")) << "rest";
  }
  static unsigned mode(const fs::path& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
  }
  fs::path root_;
};

TEST_F(ClassArchiveTest, FirstStartRecordsNextStartUses) {
  ClassArchive first = archive();
  ASSERT_EQ(first.use, ClassArchive::Use::record);
  EXPECT_EQ(mode(root_ / "archives"), 0700u);
  EXPECT_EQ(first.java_options(), "-XX:ArchiveClassesAtExit=" + first.partial.string());
  write_archive(first.partial, true);  // what the JVM writes as it exits
  finish_class_archive(first, true);
  EXPECT_FALSE(fs::exists(first.partial));
  ASSERT_TRUE(fs::exists(first.path));
  EXPECT_EQ(mode(first.path), 0600u);

  ClassArchive second = archive();
  EXPECT_EQ(second.use, ClassArchive::Use::use);
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(second.java_options(), "-XX:SharedArchiveFile=" + first.path.string());
}

TEST_F(ClassArchiveTest, AKilledOrUnfinishedWriteIsDropped) {
  ClassArchive killed = archive();
  write_archive(killed.partial, true);
  finish_class_archive(killed, false);
  EXPECT_FALSE(fs::exists(killed.partial));
  EXPECT_FALSE(fs::exists(killed.path));

  ClassArchive garbled = archive();
  write_archive(garbled.partial, false);
  finish_class_archive(garbled, true);
  EXPECT_FALSE(fs::exists(garbled.path));
  EXPECT_EQ(archive().use, ClassArchive::Use::record);  // still none to use
}

TEST_F(ClassArchiveTest, AnotherClassPathOrJdkIsAnotherArchive) {
  const fs::path before = archive().path;
  std::ofstream(root_ / "spark" / "jars" / "extra.jar") << "jar";
  const fs::path other_jars = archive().path;
  EXPECT_NE(before, other_jars);
  std::ofstream(root_ / "java" / "release") << "JAVA_VERSION=\"17.0.16\"\n";
  EXPECT_NE(archive().path, other_jars);
}

TEST_F(ClassArchiveTest, ADetachedServerOnlyUsesOne) {
  EXPECT_EQ(archive(false).use, ClassArchive::Use::none);
  EXPECT_EQ(archive(false).java_options(), "");
}

}  // namespace
}  // namespace sparkctl::runtime
