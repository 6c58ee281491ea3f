// Writes that must never be seen half-done (state files, rendered
// manifests): write a temp file beside the target, fsync, rename.
#pragma once

#include <string>
#include <string_view>

namespace sparkctl {

// Throws sparkctl::Error (usage) naming the path when the write fails.
void write_file_atomically(const std::string& path, std::string_view content, int mode = 0644);
// Throws sparkctl::Error (usage) naming the path when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace sparkctl
