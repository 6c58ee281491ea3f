#include "driver_application.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/application_deps.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::cli {

namespace fs = std::filesystem;

namespace {

// What Spark reads as it is (https://, local:// in the image) stays a URI.
bool fetched_by_sparkctl(const std::string& uri) {
  for (const char* scheme : {"s3a://", "s3://", "gs://"})
    if (strings::starts_with(uri, scheme)) return true;
  return false;
}

std::string fetch(const config::Config& config, const std::string& uri, const fs::path& dir) {
  if (!fetched_by_sparkctl(uri)) return uri;
  const fs::path local = dir / runtime::file_name_of(uri);
  storage::download(uri, local, config);
  spdlog::info("fetched {} into {}", uri, local.string());
  return local.string();
}

void fetch_all(const config::Config& config, std::vector<std::string>& uris, const fs::path& dir) {
  for (auto& uri : uris) uri = fetch(config, uri, dir);
}

void add_list(std::vector<std::string>& args, const char* flag,
              const std::vector<std::string>& paths) {
  if (!paths.empty()) args.insert(args.end(), {flag, strings::join(paths, ",")});
}

}  // namespace

std::optional<runtime::UserApplication> fetch_application_deps(const config::Config& config,
                                                               const fs::path& dir) {
  const char* text = std::getenv(runtime::app_deps_env);
  if (text == nullptr || *text == '\0') return std::nullopt;
  auto app = runtime::deps_from_json(text);
  app.main_file = fetch(config, app.main_file, dir);
  fetch_all(config, app.py_files, dir);
  fetch_all(config, app.files, dir);
  fetch_all(config, app.jars, dir);
  for (auto& entry : app.archives)
    entry = runtime::with_archive_path(
        entry, [&](const std::string& uri) { return fetch(config, uri, dir); });
  if (!app.python_deps.empty()) {
    // The driver's own Python imports the packages from files, as the
    // executors' workers do from Spark's unpacking of the same archive.
    app.python_deps = fetch(config, app.python_deps, dir);
    const fs::path unpacked = dir / ".sparkctl-python-deps";
    storage::extract_zip(app.python_deps, unpacked);
    app.python_deps_dir = unpacked.string();
  }
  return app;
}

std::vector<std::string> classic_driver_arguments(const std::vector<std::string>& driver_args,
                                                  const runtime::DriverCommand& command,
                                                  const runtime::UserApplication& fetched) {
  // The options as given: command.submit_options has the Connect server's
  // class in place of the application's.
  const auto options_end = driver_args.end() - static_cast<long>(command.app_args.size()) - 1;
  std::vector<std::string> args(driver_args.begin(), options_end);
  add_list(args, "--py-files", fetched.py_files);
  add_list(args, "--files", fetched.files);
  // Spark puts a jar application's primary resource into spark.jars, which
  // the pod's spark-submit would read from the store itself: --jars, with
  // the downloads, takes its place.
  std::vector<std::string> jars = fetched.jars;
  if (strings::ends_with(fetched.main_file, ".jar")) jars.insert(jars.begin(), fetched.main_file);
  add_list(args, "--jars", jars);
  std::vector<std::string> archives = fetched.archives;
  if (!fetched.python_deps.empty()) {
    // The executors unpack the packages in their working directory, where
    // their Python workers start; the driver's Python uses its own copy.
    archives.push_back(fetched.python_deps);
    const fs::path launcher = fs::path(fetched.python_deps_dir) / runtime::python_deps_launcher;
    args.insert(args.end(), {"--conf",
                             std::string("spark.pyspark.python=./") + runtime::python_deps_archive +
                                 "/" + runtime::python_deps_launcher,
                             "--conf", "spark.pyspark.driver.python=" + launcher.string()});
  }
  add_list(args, "--archives", archives);
  args.push_back(fetched.main_file.empty() ? command.primary_resource : fetched.main_file);
  args.insert(args.end(), command.app_args.begin(), command.app_args.end());
  return args;
}

}  // namespace sparkctl::cli
