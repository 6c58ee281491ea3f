// A private folder for one command's work (a run's working directory, the
// zips of a submit), removed with everything in it when the owner ends.
#pragma once

#include <filesystem>
#include <string>

namespace sparkctl {

class ScratchDir {
 public:
  // A new owner-only folder $TMPDIR/<prefix>-XXXXXX. Throws Error::cluster.
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace sparkctl
