// Reading data sources, as pyspark's spark.read:
//
//   spark.read().format("csv").option("header", "true").schema(schema).load(path)
//   spark.read().options({{"header", "true"}, {"inferSchema", "true"}}).csv(path)
//   spark.read().jdbc(url, "people", {{"user", "me"}})
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {

class Client;

class DataFrameReader {
 public:
  explicit DataFrameReader(std::shared_ptr<Client> client);

  DataFrameReader& format(const std::string& source);
  DataFrameReader& option(const std::string& key, const std::string& value);
  DataFrameReader& options(const std::map<std::string, std::string>& options);
  // The schema to read with; without one Spark infers it (where the format can).
  DataFrameReader& schema(const StructType& schema);
  DataFrameReader& schema(const std::string& ddl);  // "id BIGINT, name STRING"

  DataFrame load(const std::string& path) const;
  DataFrame load(const std::vector<std::string>& paths) const;
  DataFrame load() const;  // a source that takes no path (jdbc with its options)
  DataFrame csv(const std::string& path) { return format("csv").load(path); }
  DataFrame parquet(const std::string& path) { return format("parquet").load(path); }
  DataFrame json(const std::string& path) { return format("json").load(path); }
  DataFrame orc(const std::string& path) { return format("orc").load(path); }
  // One string column "value" per line.
  DataFrame text(const std::string& path) { return format("text").load(path); }
  // A database table over JDBC (the driver jar must be on Spark's class path);
  // `properties` are JDBC connection properties (user, password, ...).
  DataFrame jdbc(const std::string& url, const std::string& table,
                 const std::map<std::string, std::string>& properties = {});
  DataFrame table(const std::string& name) const;

 private:
  std::shared_ptr<Client> client_;
  std::string format_;
  std::string schema_;
  std::map<std::string, std::string> options_;
};

}  // namespace sparkctl::connect
