// cloud_etl: CSV in, describe(), Parquet out.
//
// Nothing is lost on failure: the input is read in full (row count and
// describe() scan every row) before the output is touched, so a missing or
// unreadable input, bad credentials or an unreachable endpoint fail the
// job while the previous output is still in place. The overwrite itself
// goes through Hadoop's output committer.
#include "jobs/cloud_etl.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/dataframe_reader.hpp"
#include "sparkctl/connect/dataframe_writer.hpp"
#include "sparkctl/connect/errors.hpp"
#include "sparkctl/connect/runtime_config.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/paths.hpp"
#include "sparkctl/storage/failure.hpp"
#include "sparkctl/storage/location.hpp"

namespace sparkctl::jobs {

namespace {

// Relative local paths are taken from the project root when the config is
// the usual <root>/config/conf.yaml, else from the config file's folder,
// and from the project root (or the working directory) when no file was
// read; so the job behaves the same from any directory. Absolute, because
// the Spark server (perhaps a warm one) has a working directory of its own.
std::string local_root(const config::Config& config) {
  const auto& file = config.file_path();
  std::filesystem::path dir = file.empty() ? std::filesystem::path(paths::project_root())
                                           : std::filesystem::path(file).parent_path();
  if (!file.empty() && dir.filename() == "config") dir = dir.parent_path();
  return std::filesystem::absolute(dir.empty() ? std::filesystem::path(".") : dir)
      .lexically_normal()
      .string();
}

// The sample data set shipped with the project, for a config that names no input.
constexpr const char* default_input = "data/titanic.csv";

// The job argument when given, else storage.base_uri + the storage path.
storage::Location location_of(const config::Config& config, const std::string& arg,
                              const std::string& storage_key) {
  const auto& given = config.get_string("jobs.cloud_etl." + arg);
  std::string path = given.empty() ? config.get_string(storage_key) : given;
  if (path.empty() && arg == "input" && config.get_string("storage.base_uri").empty())
    path = default_input;
  return storage::resolve(config.get_string("storage.base_uri"), path, local_root(config));
}

storage::Location input_of(const config::Config& config) {
  return location_of(config, "input", "storage.input_path");
}
storage::Location output_of(const config::Config& config) {
  return location_of(config, "output", "storage.output_path");
}

void configure_connectors(connect::Session& spark, const config::Config& config,
                          const std::vector<storage::Location>& locations) {
  auto conf = spark.conf();
  for (const auto& location : locations) {
    for (const auto& [key, value] : storage::connector_settings(location.scheme, config))
      conf.set(key, value);
  }
}

// Runs one step against `location`; a Spark error becomes one line naming
// the location and the cause ("cloud_etl: cannot read s3a://b/k: access
// denied (403)"), with Spark's full text kept for -v.
template <typename Step>
auto on_storage(const char* action, const storage::Location& location, Step step) {
  try {
    return step();
  } catch (const connect::SparkError& e) {
    spdlog::debug("cloud_etl: {} {} failed: {}", action, location.uri, e.message());
    throw Error::job(std::string("cloud_etl: cannot ") + action + " " + location.uri + ": " +
                     storage::failure_cause(e.error_class(), e.message()));
  }
}

int run(JobContext& context) {
  const auto input = input_of(context.config());
  const auto output = output_of(context.config());
  auto& spark = context.spark();
  configure_connectors(spark, context.config(), {input, output});

  // The whole input is read (count, describe) before the output is touched.
  auto titanic = spark.read()
                     .format("csv")
                     .option("header", "true")
                     .option("inferSchema", "true")
                     .option("mode", "FAILFAST")
                     .load(input.uri);
  const auto rows_read = on_storage("read", input, [&] { return titanic.count(); });
  context.out() << "Read " << rows_read << " rows from " << input.uri << "\n\n";
  on_storage("read", input, [&] { titanic.describe().show(20, context.out(), false); });

  on_storage("write", output,
             [&] { titanic.write().mode("overwrite").format("parquet").save(output.uri); });
  const auto rows_written = on_storage(
      "read back", output, [&] { return spark.read().format("parquet").load(output.uri).count(); });
  context.out() << "\nWrote " << rows_written << " rows to " << output.uri
                << " (Parquet, overwrite)\n";
  if (rows_written != rows_read) {
    throw Error::job("cloud_etl: wrote " + std::to_string(rows_written) + " rows to " + output.uri +
                     " but read " + std::to_string(rows_read));
  }
  return 0;
}

std::vector<std::string> jars_for(const config::Config& config) {
  const auto dir = storage::default_jar_dir();
  auto jars = storage::connector_jars(input_of(config).scheme, dir);
  for (auto& jar : storage::connector_jars(output_of(config).scheme, dir)) {
    if (std::find(jars.begin(), jars.end(), jar) == jars.end()) jars.push_back(jar);
  }
  return jars;
}

}  // namespace

const Job& cloud_etl_job() {
  static const Job job = [] {
    Job j;
    j.name = "cloud_etl";
    j.summary = "read titanic.csv from a bucket or path, describe() it, write Parquet (overwrite)";
    j.args = {
        string_arg("input", "",
                   "input CSV URI or path (default: storage.base_uri + storage.input_path)"),
        string_arg("output", "",
                   "output Parquet URI or path (default: storage.base_uri + storage.output_path)"),
    };
    j.execute = run;
    j.server_jars = jars_for;
    return j;
  }();
  return job;
}

}  // namespace sparkctl::jobs
