// Where sparkctl keeps what it makes once and reuses on later runs (the
// class-data archives of local servers, the packed --requirements of an
// application).
#pragma once

#include <filesystem>
#include <string>

namespace sparkctl::runtime {

// $SPARKCTL_STATE_DIR/<name> for a sparkctl pointed at a state of its own
// (tests, benchmarks), else $XDG_CACHE_HOME/sparkctl/<name>, else
// ~/.cache/sparkctl/<name>; empty when none of them is set. Not created.
std::filesystem::path user_cache_dir(const std::string& name);

}  // namespace sparkctl::runtime
