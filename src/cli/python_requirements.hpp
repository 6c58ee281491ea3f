// `--requirements FILE`: the packages of a pip requirements file, installed
// for the Python the application runs on (the image's for the cluster,
// this machine's for a local run) and packed as one archive Spark unpacks
// for the executors' Python workers. A zip on the Python path would not
// do: code compiled into a package cannot be imported from a zip. So the
// archive holds the installed packages as files (python/site/) and a
// launcher (python/bin/python) that puts them on the path and runs the
// real Python; the application names the launcher as its workers' Python
// (runtime/application_runner.cpp). Packed once per requirements file and
// target, in the user's cache.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::cli {

struct PythonTarget {
  std::string python_version;  // "3.11"; empty: the installing Python's own
  std::string platform;        // "manylinux_2_36_x86_64"; empty with it

  std::string describe() const;
};

// The image's Python (kubernetes.image_python, kubernetes.image_platform).
PythonTarget image_python(const config::Config& config);

// pip's --platform values for `platform`: manylinux_2_36_x86_64 takes the
// wheels of every older glibc too (2_36 ... 2_17 and manylinux2014, which
// pip widens to 2010 and 1 itself).
std::vector<std::string> compatible_platforms(const std::string& platform);

struct PackedRequirements {
  std::filesystem::path archive;  // .../sparkctl-python-deps.zip
  std::filesystem::path folder;   // the same unpacked: python/bin/python, python/site/
};

// Installs the packages of `requirements` with `python`'s pip for
// `target` (binary wheels only for another platform), unless the cache has
// them already. Error::usage naming the package when it has no build for
// the target; Error::cluster with pip's own words when pip fails otherwise.
// Nothing half-made is left in the cache.
PackedRequirements pack_requirements(const std::filesystem::path& requirements,
                                     const std::filesystem::path& python,
                                     const PythonTarget& target);

// `app` with its --requirements packed for `target` by the Python that
// carries the configured Spark (python_deps and python_deps_dir set); as
// it is when it has none.
runtime::UserApplication with_packed_requirements(runtime::UserApplication app,
                                                  const config::Config& config,
                                                  const PythonTarget& target);

}  // namespace sparkctl::cli
