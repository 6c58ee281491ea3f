// The contract between `submit app.py` and the driver pod's entrypoint for
// a user's own application: what the driver fetches before it runs, in
// the driver's environment as JSON (SPARKCTL_APP_DEPS). The files are
// staged URIs (storage/staging.hpp) that the entrypoint downloads with
// sparkctl's own store clients into the working directory, so Spark's
// submission never has to read the store itself.
#pragma once

#include <string>
#include <vector>

#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::runtime {

inline constexpr const char* app_deps_env = "SPARKCTL_APP_DEPS";
// The driver's first application argument for a script on Spark Connect:
// `--app URI -- ARGS...` (a classic script or a jar is Spark's own
// primary resource).
inline constexpr const char* connect_app_flag = "--app";

// main_file, py_files, files, jars, archives, python_deps of `app` as JSON.
std::string deps_json(const UserApplication& app);
// The same fields back; Error::usage when the text is not that JSON.
UserApplication deps_from_json(const std::string& text);

// Every URI of the deps, the main file first.
std::vector<std::string> all_deps(const UserApplication& app);

}  // namespace sparkctl::runtime
