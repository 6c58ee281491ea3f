// A user's own Spark application (`sparkctl run app.py`, `run etl.jar
// --class ...`), as spark-submit's command line describes one: the main
// file, its arguments and the files it brings. Paths are local paths or
// URIs the runner can read; what turns them into URIs for the cluster is
// storage/staging.hpp.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sparkctl::runtime {

enum class AppLanguage { python, jvm };

// The packed --requirements under the name Spark unpacks them by, and
// what is inside: the packages, and a launcher of Python with them on its path.
inline constexpr const char* python_deps_archive = "sparkctl-python-deps.zip";
inline constexpr const char* python_deps_site = "python/site";
inline constexpr const char* python_deps_launcher = "python/bin/python";

struct UserApplication {
  std::string main_file;   // app.py or app.jar
  std::string main_class;  // --class: a jar's entry point
  std::vector<std::string> arguments;
  std::vector<std::string> py_files;  // .py, .zip, .egg (folders are zipped before)
  std::vector<std::string> files;     // in the driver's working directory by name
  std::vector<std::string> jars;
  std::vector<std::string> archives;  // unpacked where Spark unpacks archives
  std::map<std::string, std::string> conf;
  std::string requirements;  // --requirements: a pip requirements file (a local path)
  // Its packages packed for where the application runs (cli/python_requirements.hpp):
  // the archive Spark unpacks for the executors' Python workers, and the
  // folder it is unpacked in where the driver runs, once it is.
  std::string python_deps;
  std::string python_deps_dir;
  bool classic = false;  // a classic SparkContext (spark-submit) instead of Spark Connect

  AppLanguage language() const;
  // What the driver runs through spark-submit rather than through Spark
  // Connect: a jar, or a script with --classic.
  bool runs_classic() const { return classic || language() == AppLanguage::jvm; }
};

// An --archives entry as spark-submit reads one: PATH#ALIAS is unpacked
// into a folder named ALIAS instead of PATH's file name.
struct ArchiveEntry {
  std::string path;
  std::string alias;  // "" without '#'
};
ArchiveEntry split_archive_alias(const std::string& entry);
// `entry` with its path replaced by `change(path)`, its alias kept.
std::string with_archive_path(const std::string& entry,
                              const std::function<std::string(const std::string&)>& change);

// .py -> python, .jar -> jvm; anything else is Error::usage naming the file.
AppLanguage language_of(const std::string& main_file);

// The file name a path or URI ends in ("s3a://b/x/app.py" -> "app.py").
std::string file_name_of(const std::string& path_or_uri);

}  // namespace sparkctl::runtime
