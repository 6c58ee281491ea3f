#include "application_staging.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>

#include "python_requirements.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::cli {

namespace {

class ApplicationStager {
 public:
  ApplicationStager(const config::Config& config, Staging staging,
                    const std::filesystem::path& work_dir)
      : config_(config), staging_(staging), work_dir_(work_dir) {}

  std::string uri_of(const std::string& path) {
    if (storage::is_remote_uri(path)) return path;
    if (!stager_) stager_.emplace(config_, work_dir_);  // Error::usage without staging_uri
    if (staging_ == Staging::plan) return stager_->plan(path).uri;
    const auto staged = stager_->stage(path);
    spdlog::info("{} {} {}", path, staged.uploaded ? "uploaded to" : "already at", staged.uri);
    return staged.uri;
  }

  void replace_all(std::vector<std::string>& paths) {
    for (auto& path : paths) path = uri_of(path);
  }

 private:
  const config::Config& config_;
  Staging staging_;
  std::filesystem::path work_dir_;
  std::optional<storage::Stager> stager_;
};

}  // namespace

runtime::UserApplication staged_application(const config::Config& config,
                                            runtime::UserApplication app, Staging staging,
                                            const std::filesystem::path& work_dir) {
  ApplicationStager stager(config, staging, work_dir);
  app.main_file =
      stager.uri_of(app.main_file);  // first: a missing staging_uri is said before pip runs
  // The packages of --requirements are staged as one archive, packed for the image's Python.
  app = with_packed_requirements(std::move(app), config, image_python(config));
  app.python_deps_dir.clear();  // unpacked in the driver pod, not here
  if (!app.python_deps.empty()) app.python_deps = stager.uri_of(app.python_deps);
  stager.replace_all(app.py_files);
  stager.replace_all(app.files);
  stager.replace_all(app.jars);
  for (auto& entry : app.archives)
    entry = runtime::with_archive_path(
        entry, [&](const std::string& path) { return stager.uri_of(path); });
  return app;
}

}  // namespace sparkctl::cli
