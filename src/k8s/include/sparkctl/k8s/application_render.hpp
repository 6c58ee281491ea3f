// Rendering a SparkApplication from the configuration and what its driver
// runs. Every kind of application (a compiled-in job, the user's own
// script or jar) is a DriverProgram; the rest of the spec (image, pods,
// volumes, Spark settings) comes from the configuration the same way.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"

namespace sparkctl::k8s {

// What the application's driver runs: the operator's spec.type,
// mainClass, mainApplicationFile and arguments.
struct DriverProgram {
  std::string type = "Scala";  // the operator's spec.type: Scala, Java, Python
  std::string main_class;      // "" for Python
  std::string main_file;       // spec.mainApplicationFile
  std::vector<std::string> arguments;
  std::string job;        // a compiled-in job's name: the sparkctl.dev/job label ("" for none)
  std::string name_base;  // what generated application names start with
  bool serves_sessions = false;  // binds kubernetes.connect_port for Spark Connect sessions
  // Spark settings of this program, over spark.conf (a user's --conf, what
  // its driver needs to fetch its staged files).
  std::map<std::string, std::string> spark_conf;
};

struct RenderRequest {
  DriverProgram program;
  std::string name;  // metadata.name
  std::string namespace_;
};

// kubernetes.labels plus the job label (when the program is a job): on the
// SparkApplication, its pods and what sparkctl creates next to it.
nlohmann::ordered_json render_labels(const config::Config& config, const DriverProgram& program);

// The SparkApplication for `request` under `config`, with keys in a fixed
// order (ordered_json) so rendered YAML diffs cleanly. Throws Error::usage
// for a volume spec it cannot map.
nlohmann::ordered_json render_application(const config::Config& config,
                                          const RenderRequest& request);

// `base` as a name: lower-cased, '_' -> '-', at most 35 chars, so
// generate_name's result stays a DNS-1035 label with room for the
// operator's "-ui-svc" suffix. `render`'s default name.
std::string name_prefix(const std::string& base);
// `<name_prefix>-<yyyymmdd-hhmmss>-<4 random [a-z0-9]>` (UTC): `submit`'s default name.
std::string generate_name(const std::string& base);
// Throws Error::usage unless `name` is a DNS-1035 label of at most 63 chars.
void validate_name(const std::string& name);

}  // namespace sparkctl::k8s
