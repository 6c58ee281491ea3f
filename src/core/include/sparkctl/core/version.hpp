#pragma once

namespace sparkctl {
const char* version();     // "0.1.0"
const char* git_commit();  // short commit of the build, "-dirty" when uncommitted changes
}  // namespace sparkctl
