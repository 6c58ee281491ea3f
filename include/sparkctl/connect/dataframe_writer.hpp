// Saving a DataFrame: df.write().mode("overwrite").format("parquet").save(path).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spark::connect {
class Relation;
}

namespace sparkctl::connect {

class Client;

class DataFrameWriter {
 public:
  DataFrameWriter(std::shared_ptr<Client> client,
                  std::shared_ptr<const spark::connect::Relation> input);

  // append, overwrite, error / errorifexists (the default), ignore.
  DataFrameWriter& mode(const std::string& mode);
  DataFrameWriter& format(const std::string& source);  // parquet (Spark's default), csv, json, ...
  DataFrameWriter& option(const std::string& key, const std::string& value);
  DataFrameWriter& partition_by(const std::vector<std::string>& columns);

  void save(const std::string& path);
  void save_as_table(const std::string& table);
  void csv(const std::string& path) { format("csv").save(path); }
  void parquet(const std::string& path) { format("parquet").save(path); }
  void json(const std::string& path) { format("json").save(path); }

 private:
  void run(const std::string* path, const std::string* table);

  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> input_;
  std::string mode_;
  std::string format_;
  std::map<std::string, std::string> options_;
  std::vector<std::string> partition_by_;
};

}  // namespace sparkctl::connect
