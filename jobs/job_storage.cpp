#include "sparkctl/jobs/job_storage.hpp"

#include <algorithm>
#include <filesystem>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/runtime_config.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/paths.hpp"

namespace sparkctl::jobs {
namespace {

// The project root when the config is the usual <root>/config/conf.yaml,
// else the config file's folder, and the project root (or the working
// directory) when no file was read. Absolute, because the Spark server
// (perhaps a warm one) has a working directory of its own.
std::string local_root(const config::Config& config) {
  const auto& file = config.file_path();
  std::filesystem::path dir = file.empty() ? std::filesystem::path(paths::project_root())
                                           : std::filesystem::path(file).parent_path();
  if (!file.empty() && dir.filename() == "config") dir = dir.parent_path();
  return std::filesystem::absolute(dir.empty() ? std::filesystem::path(".") : dir)
      .lexically_normal()
      .string();
}

}  // namespace

storage::Location job_location(const config::Config& config, const std::string& given,
                               const std::string& storage_key, const std::string& local_default) {
  const auto& base_uri = config.get_string(config::keys::storage_base_uri);
  std::string path = given.empty() && !storage_key.empty() ? config.get_string(storage_key) : given;
  if (path.empty() && base_uri.empty()) path = local_default;
  return storage::resolve(base_uri, path, local_root(config));
}

void configure_connectors(connect::Session& spark, const config::Config& config,
                          const std::vector<storage::Location>& locations) {
  auto conf = spark.conf();
  for (const auto& location : locations) {
    for (const auto& [key, value] : storage::connector_settings(location.scheme, config)) {
      conf.set(key, value);
    }
  }
}

std::vector<std::string> connector_jars(const std::vector<storage::Location>& locations) {
  const auto dir = storage::default_jar_dir();
  std::vector<std::string> jars;
  for (const auto& location : locations) {
    for (auto& jar : storage::connector_jars(location.scheme, dir)) {
      if (std::find(jars.begin(), jars.end(), jar) == jars.end()) jars.push_back(jar);
    }
  }
  return jars;
}

}  // namespace sparkctl::jobs
