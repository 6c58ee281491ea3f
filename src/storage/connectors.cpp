// Connector jars and Hadoop settings per scheme. Settings go to the Spark
// session (SQL conf entries reach Hadoop's Configuration for every read and
// write), so credentials never appear on a command line or in the process
// table. The filesystem cache is off so a later run with other credentials
// on the same warm server does not reuse a client made with the old ones.
#include <dirent.h>

#include <algorithm>
#include <cstdlib>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/paths.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::storage {

namespace {

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string find_jar(const std::vector<std::string>& names, const std::string& dir,
                     const std::string& prefix, const std::string& suffix) {
  for (const auto& name : names) {
    if (strings::starts_with(name, prefix) && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return dir + "/" + name;
    }
  }
  throw Error::usage("the " + prefix + "*" + suffix + " connector jar is missing from " + dir +
                     ": run scripts/fetch-connector-jars.sh (or `make setup-connectors`)");
}

}  // namespace

std::string default_jar_dir() {
  if (const char* cache = std::getenv("SPARKCTL_CACHE_DIR"); cache && *cache) {
    return std::string(cache) + "/jars";
  }
  auto root = paths::project_root();
  return (root.empty() ? std::string(".") : root) + "/.cache/jars";
}

std::vector<std::string> connector_jars(Scheme scheme, const std::string& jar_dir) {
  const auto names = list_dir(jar_dir);
  switch (scheme) {
    case Scheme::local:
      return {};
    case Scheme::s3a:
      return {find_jar(names, jar_dir, "hadoop-aws-", ".jar"),
              find_jar(names, jar_dir, "bundle-", ".jar"),
              find_jar(names, jar_dir, "analyticsaccelerator-s3-", ".jar")};
    case Scheme::gs:
      return {find_jar(names, jar_dir, "gcs-connector-", "-shaded.jar")};
  }
  return {};
}

std::map<std::string, std::string> connector_settings(Scheme scheme, const config::Config& config) {
  std::map<std::string, std::string> settings;
  if (scheme == Scheme::s3a) {
    settings["fs.s3a.impl.disable.cache"] = "true";
    settings["fs.s3a.path.style.access"] =
        config.get_bool(config::keys::storage_s3_path_style) ? "true" : "false";
    const auto& endpoint = config.get_string(config::keys::storage_s3_endpoint);
    if (!endpoint.empty()) {
      settings["fs.s3a.endpoint"] = endpoint;
      settings["fs.s3a.connection.ssl.enabled"] =
          strings::starts_with(endpoint, "https://") ? "true" : "false";
    }
    if (const auto& region = config.get_string(config::keys::storage_s3_region); !region.empty()) {
      settings["fs.s3a.endpoint.region"] = region;
    }
    const auto& access_key = config.get_string(config::keys::storage_s3_access_key);
    const auto& secret_key = config.get_string(config::keys::storage_s3_secret_key);
    if (!access_key.empty() || !secret_key.empty()) {
      settings["fs.s3a.aws.credentials.provider"] =
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";
      settings["fs.s3a.access.key"] = access_key;
      settings["fs.s3a.secret.key"] = secret_key;
    }
    // Fail fast on a wrong endpoint or secret instead of retrying for minutes.
    settings["fs.s3a.attempts.maximum"] = "2";
    settings["fs.s3a.retry.limit"] = "2";
    settings["fs.s3a.connection.establish.timeout"] = "5s";
  } else if (scheme == Scheme::gs) {
    settings["fs.gs.impl"] = "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem";
    settings["fs.AbstractFileSystem.gs.impl"] = "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS";
    settings["fs.gs.impl.disable.cache"] = "true";
    // Hadoop 3.5 defaults this to "64m", which the GCS connector cannot parse.
    settings["fs.gs.block.size"] = "67108864";
    const auto& endpoint = config.get_string(config::keys::storage_gcs_endpoint);
    if (!endpoint.empty()) {
      // A GCS-compatible server (an emulator, the tests' fake-gcs-server):
      // the root of its JSON API, as the connector joins paths to it.
      settings["fs.gs.storage.root.url"] =
          strings::ends_with(endpoint, "/") ? endpoint : endpoint + "/";
      // Renames by copy and delete: such servers lack GCS's newer object
      // move call (fake-gcs-server answers it 400).
      settings["fs.gs.operation.move.enable"] = "false";
    }
    if (const auto& key_file = config.get_string(config::keys::storage_key_file);
        !key_file.empty()) {
      settings["fs.gs.auth.type"] = "SERVICE_ACCOUNT_JSON_KEYFILE";
      settings["fs.gs.auth.service.account.json.keyfile"] = key_file;
    } else if (!endpoint.empty()) {
      // Such a server without a key takes no credentials, as sparkctl's own
      // client sends none there (storage/gcs_auth.cpp).
      settings["fs.gs.auth.type"] = "UNAUTHENTICATED";
    }
  }
  return settings;
}

}  // namespace sparkctl::storage
