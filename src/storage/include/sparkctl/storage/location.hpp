// Where the ETL job reads and writes: local paths, s3a:// and gs:// URIs,
// and what Spark needs to reach each (connector jars, Hadoop settings).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace sparkctl::storage {

enum class Scheme { local, s3a, gs };

struct Location {
  Scheme scheme = Scheme::local;
  std::string uri;  // as Spark should see it: /abs/path, s3a://bucket/key, gs://bucket/key
};

// Joins `path` to `base_uri` unless it is already a URI or absolute;
// relative local paths are taken from `local_root`. s3:// is read as s3a://.
// Throws Error::usage for schemes sparkctl cannot reach.
Location resolve(const std::string& base_uri, const std::string& path,
                 const std::string& local_root);

// Session settings that let Spark's Hadoop filesystem reach the location
// with the configured credentials. They carry secrets: never log them.
std::map<std::string, std::string> connector_settings(Scheme scheme, const config::Config& config);

// The connector jars the Spark server must load for `scheme`, found in
// `jar_dir` (the set-up's .cache/jars). Throws Error::usage naming the
// set-up command when they are missing.
std::vector<std::string> connector_jars(Scheme scheme, const std::string& jar_dir);

// <project root>/.cache/jars, or $SPARKCTL_CACHE_DIR/jars.
std::string default_jar_dir();

}  // namespace sparkctl::storage
