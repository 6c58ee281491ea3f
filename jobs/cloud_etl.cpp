// cloud_etl: CSV in, describe(), Parquet out.
//
// Nothing is lost on failure: the input is read in full (row count and
// describe() scan every row) before the output is touched, so a missing or
// unreadable input, bad credentials or an unreachable endpoint fail the
// job while the previous output is still in place. The overwrite itself
// goes through Hadoop's output committer.
#include <ostream>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/dataframe_reader.hpp"
#include "sparkctl/connect/dataframe_writer.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/jobs/job.hpp"
#include "sparkctl/jobs/job_storage.hpp"

namespace sparkctl::jobs {

namespace {

// The sample data set shipped with the project, for a config that names no input.
constexpr const char* default_input = "data/titanic.csv";

storage::Location input_of(const config::Config& config) {
  return job_location(config, config.get_string(config::keys::job_argument("cloud_etl", "input")),
                      config::keys::storage_input_path, default_input);
}
storage::Location output_of(const config::Config& config) {
  return job_location(config, config.get_string(config::keys::job_argument("cloud_etl", "output")),
                      config::keys::storage_output_path, "");
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
  const auto rows_read = on_storage("cloud_etl", "read", input, [&] { return titanic.count(); });
  context.out() << "Read " << rows_read << " rows from " << input.uri << "\n\n";
  on_storage("cloud_etl", "read", input,
             [&] { titanic.describe().show(20, context.out(), false); });

  on_storage("cloud_etl", "write", output,
             [&] { titanic.write().mode("overwrite").format("parquet").save(output.uri); });
  const auto rows_written = on_storage("cloud_etl", "read back", output, [&] {
    return spark.read().format("parquet").load(output.uri).count();
  });
  context.out() << "\nWrote " << rows_written << " rows to " << output.uri
                << " (Parquet, overwrite)\n";
  if (rows_written != rows_read) {
    throw Error::job("cloud_etl: wrote " + std::to_string(rows_written) + " rows to " + output.uri +
                     " but read " + std::to_string(rows_read));
  }
  return 0;
}

std::vector<std::string> jars_for(const config::Config& config) {
  return connector_jars({input_of(config), output_of(config)});
}

const JobRegistration registration([] {
  Job job;
  job.name = "cloud_etl";
  job.summary = "read titanic.csv from a bucket or path, describe() it, write Parquet (overwrite)";
  job.args = {
      string_arg("input", "",
                 "input CSV URI or path (default: storage.base_uri + storage.input_path)"),
      string_arg("output", "",
                 "output Parquet URI or path (default: storage.base_uri + storage.output_path)"),
  };
  job.execute = run;
  job.server_jars = jars_for;
  return job;
}());

}  // namespace

}  // namespace sparkctl::jobs
