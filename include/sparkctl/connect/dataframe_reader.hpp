// Reading data sources: spark.read().format("csv").option("header", "true").load(path).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sparkctl/connect/dataframe.hpp"

namespace sparkctl::connect {

class Client;

class DataFrameReader {
 public:
  explicit DataFrameReader(std::shared_ptr<Client> client);

  DataFrameReader& format(const std::string& source);
  DataFrameReader& option(const std::string& key, const std::string& value);
  // A DDL schema ("id BIGINT, name STRING"); without one Spark infers it.
  DataFrameReader& schema(const std::string& ddl);

  DataFrame load(const std::string& path) const;
  DataFrame load(const std::vector<std::string>& paths) const;
  DataFrame csv(const std::string& path) { return format("csv").load(path); }
  DataFrame parquet(const std::string& path) { return format("parquet").load(path); }
  DataFrame json(const std::string& path) { return format("json").load(path); }
  DataFrame table(const std::string& name) const;

 private:
  std::shared_ptr<Client> client_;
  std::string format_;
  std::string schema_;
  std::map<std::string, std::string> options_;
};

}  // namespace sparkctl::connect
