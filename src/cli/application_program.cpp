#include "application_program.hpp"

#include "sparkctl/config/item.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/runtime/application_deps.hpp"
#include "sparkctl/runtime/driver_classes.hpp"

namespace sparkctl::cli {

namespace {

constexpr const char* driver_env = "spark.kubernetes.driverEnv.";
constexpr const char* driver_secret_env = "spark.kubernetes.driver.secretKeyRef.";

bool any_in(const runtime::UserApplication& app, const std::string& scheme) {
  for (const auto& uri : runtime::all_deps(app))
    if (strings::starts_with(uri, scheme)) return true;
  return false;
}

// The driver's sparkctl reads the store with the same keys as here: the
// endpoint settings as they are, the credentials from storage.secret
// (never into the spec).
void add_store_access(const config::Config& config, const runtime::UserApplication& app,
                      std::map<std::string, std::string>& conf) {
  using namespace config::keys;
  const auto pass_on = [&](const char* key) {
    const std::string value = config.get_string(key);
    if (!value.empty()) conf[driver_env + config::environment_name(key)] = value;
  };
  const std::string secret = config.get_string(storage_secret);
  if (any_in(app, "s3a://") || any_in(app, "s3://")) {
    pass_on(storage_s3_endpoint);
    pass_on(storage_s3_region);
    conf[driver_env + config::environment_name(storage_s3_path_style)] =
        config.get_bool(storage_s3_path_style) ? "true" : "false";
    if (!secret.empty()) {
      conf[driver_secret_env + config::environment_name(storage_s3_access_key)] =
          secret + ":access_key";
      conf[driver_secret_env + config::environment_name(storage_s3_secret_key)] =
          secret + ":secret_key";
    }
  }
  if (any_in(app, "gs://")) pass_on(storage_gcs_endpoint);
}

std::string name_base_of(const std::string& main_file) {
  std::string name = runtime::file_name_of(main_file);
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

k8s::DriverProgram application_program(const config::Config& config,
                                       const runtime::UserApplication& staged) {
  k8s::DriverProgram program;
  program.name_base = name_base_of(staged.main_file);
  program.spark_conf = staged.conf;
  runtime::UserApplication deps = staged;
  if (staged.runs_classic()) {
    const bool python = staged.language() == runtime::AppLanguage::python;
    program.type = python ? "Python" : "Java";
    program.main_class = staged.main_class;
    program.main_file = staged.main_file;
    program.arguments = staged.arguments;
  } else {
    program.type = "Scala";
    program.main_class = runtime::driver_main_class;
    program.main_file = runtime::driver_resource;
    program.arguments = {runtime::connect_app_flag, staged.main_file, "--"};
    program.arguments.insert(program.arguments.end(), staged.arguments.begin(),
                             staged.arguments.end());
  }
  program.spark_conf[driver_env + std::string(runtime::app_deps_env)] = runtime::deps_json(deps);
  add_store_access(config, staged, program.spark_conf);
  return program;
}

}  // namespace sparkctl::cli
