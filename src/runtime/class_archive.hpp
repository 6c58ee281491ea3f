// Class-data sharing for the local Spark Connect server: the JVM maps the
// classes of an earlier start from an archive instead of loading and
// verifying thousands of them again, which takes seconds off every cold
// start (docs: ../shared/recipes/cold-start.md measured 5.3-6.6 s -> 2.9-3.4 s).
//
// An archive belongs to one JDK and one class path, so it is cached under a
// key of both (in $XDG_CACHE_HOME/sparkctl/class-archives, owner-only). The
// first start without one records it (-XX:ArchiveClassesAtExit, written by
// the JVM when the server stops); later starts use it. A missing, damaged
// or rejected archive never stops a start: the JVM then runs without it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sparkctl::runtime {

struct ClassArchive {
  enum class Use { none, use, record };
  Use use = Use::none;
  std::filesystem::path path;     // the archive for this JDK and class path
  std::filesystem::path partial;  // where this start's JVM records a new one

  // The JVM options for this start ("" for none).
  std::string java_options() const;
};

// The archive for a server of `java_home` and `spark_home` (whose jars/ make
// the class path). `may_record`: whether this start may record a missing
// one (only a server that sparkctl itself stops can move it into place).
// Never throws: a cache that cannot be made means no archive.
ClassArchive class_archive_for(const std::filesystem::path& java_home,
                               const std::filesystem::path& spark_home,
                               const std::vector<std::string>& extra_jars, bool may_record);

// After the server stopped: moves a recorded archive into place if the JVM
// finished writing it (`exited_cleanly`: not killed), else removes it.
void finish_class_archive(const ClassArchive& archive, bool exited_cleanly);

// Where the archives live: $SPARKCTL_CLASS_ARCHIVE_DIR, else
// $SPARKCTL_STATE_DIR/class-archives, else $XDG_CACHE_HOME/sparkctl/class-archives,
// else ~/.cache/sparkctl/class-archives.
std::filesystem::path class_archive_dir();

}  // namespace sparkctl::runtime
