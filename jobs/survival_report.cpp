// survival_report: who survived the Titanic, with the DataFrame and Column
// API only (no SQL text). Survival by class (names from a small lookup
// table made with create_data_frame) and by sex, the fare rank of each
// passenger within their class (a window), printed as tables, and every
// passenger with their rank written as Parquet partitioned by class.
//
//   sparkctl run --job survival_report
//   sparkctl run --job survival_report --job-args top=5 write=false
#include <cstdio>
#include <ostream>

#include "sparkctl/config/keys.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/window.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/jobs/job.hpp"
#include "sparkctl/jobs/job_storage.hpp"

namespace sparkctl::jobs {
namespace {

using namespace connect;
using namespace connect::functions;

constexpr const char* job_name = "survival_report";

// The columns of data/titanic.csv, typed: no schema inference pass.
StructType titanic_schema() {
  return StructType({{"PassengerId", IntegerType(), false},
                     {"Survived", IntegerType()},
                     {"Pclass", IntegerType()},
                     {"Name", StringType()},
                     {"Sex", StringType()},
                     {"Age", DoubleType()},
                     {"SibSp", IntegerType()},
                     {"Parch", IntegerType()},
                     {"Ticket", StringType()},
                     {"Fare", DoubleType()},
                     {"Cabin", StringType()},
                     {"Embarked", StringType()}});
}

storage::Location input_of(const config::Config& config) {
  return job_location(config,
                      config.get_string(config::keys::job_argument("survival_report", "input")),
                      config::keys::storage_input_path, "data/titanic.csv");
}

// The output argument, else survival_report under storage.base_uri, else
// .cache/output/survival_report in the project.
storage::Location output_of(const config::Config& config) {
  std::string path = config.get_string(config::keys::job_argument("survival_report", "output"));
  if (path.empty()) {
    path = config.get_string(config::keys::storage_base_uri).empty()
               ? ".cache/output/survival_report"
               : "survival_report";
  }
  return job_location(config, path, "", "");
}

// Survival of a group: passengers, survivors and their share.
std::vector<Column> survival() {
  return {count("*").alias("passengers"), sum("Survived").alias("survivors"),
          avg("Survived").alias("survival_rate")};
}

void print_rates_by_sex(const DataFrame& by_sex, std::ostream& out) {
  for (const Row& row : by_sex.collect()) {
    const std::string& sex = row.get_string("Sex");
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.3f", row.get_double("survival_rate"));
    out << "Survival rate of "
        << (sex == "female" ? "women"
            : sex == "male" ? "men"
                            : sex)
        << ": " << rate << "\n";
  }
}

int run(JobContext& context) {
  const auto input = input_of(context.config());
  const auto output = output_of(context.config());
  const std::int64_t top = context.arg_int("top");
  auto& spark = context.spark();
  configure_connectors(spark, context.config(), {input, output});

  const DataFrame passengers =
      spark
          .read()
          // Quotes inside names are doubled, as in RFC 4180.
          .options({{"header", "true"}, {"escape", "\""}, {"mode", "FAILFAST"}})
          .schema(titanic_schema())
          .csv(input.uri);
  const DataFrame classes = spark.create_data_frame(
      {{1, "first"}, {2, "second"}, {3, "third"}},
      StructType({{"Pclass", IntegerType(), false}, {"class", StringType(), false}}));
  const DataFrame with_class = passengers.join(classes, "Pclass", JoinType::left);

  const DataFrame by_class =
      with_class.group_by("Pclass", "class").agg(survival()).order_by("Pclass");
  const DataFrame by_sex = passengers.group_by("Sex").agg(survival()).order_by("Sex");
  const auto three_decimals = [](const DataFrame& df) {
    return df.with_column("survival_rate", format_number("survival_rate", 3));
  };
  auto& out = context.out();
  on_storage(job_name, "read", input, [&] {
    out << "Survival by class\n";
    three_decimals(by_class).show(20, out);
    out << "\nSurvival by sex\n";
    three_decimals(by_sex).show(20, out);
    print_rates_by_sex(by_sex, out);
  });

  // Passengers on one ticket paid one fare and share a rank (SQL's RANK:
  // 1, 1, 1, 4, ...).
  const auto by_fare = Window::partition_by("Pclass").order_by(col("Fare").desc_nulls_last());
  const DataFrame ranked =
      with_class.with_column("fare_rank", rank().over(by_fare))
          .select("PassengerId", "Name", "Sex", "Age", "Fare", "fare_rank", "Survived", "class");
  on_storage(job_name, "read", input, [&] {
    out << "\nThe passengers of fare rank " << top << " or better in each class\n";
    ranked.filter(col("fare_rank") <= top)
        .order_by("class", "fare_rank", "PassengerId")
        .select("class", "fare_rank", "Fare", "Name", "Survived")
        .show(1000, out);
  });

  if (!context.arg_bool("write")) return 0;
  on_storage(job_name, "write", output, [&] {
    ranked.write().mode(SaveMode::overwrite).partition_by({"class"}).parquet(output.uri);
  });
  const std::int64_t written = on_storage(job_name, "read back", output,
                                          [&] { return spark.read().parquet(output.uri).count(); });
  out << "\nWrote " << written << " passengers with their fare rank to " << output.uri
      << " (Parquet, partitioned by class)\n";
  return 0;
}

const JobRegistration registration([] {
  Job job;
  job.name = job_name;
  job.summary = "Titanic survival by class and by sex, and fare ranks within each class";
  job.args = {
      string_arg("input", "",
                 "the passengers CSV, a path or URI (default: storage.input_path, the shipped "
                 "data/titanic.csv)"),
      string_arg("output", "",
                 "where to write Parquet partitioned by class (default: survival_report under "
                 "storage.base_uri, else .cache/output/survival_report)"),
      integer_arg("top", 3, 1, 1000,
                  "print the passengers of this fare rank or better in each class"),
      boolean_arg("write", true, "write the ranked passengers as Parquet (false: only print)"),
  };
  job.execute = run;
  job.server_jars = [](const config::Config& config) {
    return connector_jars({input_of(config), output_of(config)});
  };
  return job;
}());

}  // namespace
}  // namespace sparkctl::jobs
