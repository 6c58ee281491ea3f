// Saving a DataFrame, as pyspark's df.write:
//
//   df.write().mode(SaveMode::overwrite).partition_by({"pclass"}).parquet(path)
//   df.write().bucket_by(4, {"id"}).sort_by({"id"}).save_as_table("people")
//   df.write().insert_into("people")
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

enum class SaveMode {
  error_if_exists,  // the default: fail when the target exists
  append,
  overwrite,
  ignore,  // do nothing when the target exists
};

class DataFrameWriter {
 public:
  DataFrameWriter(std::shared_ptr<Client> client,
                  std::shared_ptr<const spark::connect::Relation> input);

  DataFrameWriter& mode(SaveMode mode);
  // PySpark's spellings: append, overwrite, error / errorifexists, ignore.
  DataFrameWriter& mode(const std::string& mode);
  DataFrameWriter& format(const std::string& source);  // parquet (Spark's default), csv, json, ...
  DataFrameWriter& option(const std::string& key, const std::string& value);
  DataFrameWriter& options(const std::map<std::string, std::string>& options);
  // One folder per value: <path>/pclass=1/...
  DataFrameWriter& partition_by(const std::vector<std::string>& columns);
  // Hash buckets, and their order; for save_as_table.
  DataFrameWriter& bucket_by(int num_buckets, const std::vector<std::string>& columns);
  DataFrameWriter& sort_by(const std::vector<std::string>& columns);

  void save(const std::string& path);
  void save();  // a source that takes no path (jdbc with its options)
  void save_as_table(const std::string& table);
  // Appends to (or with overwrite, replaces the data of) an existing table,
  // matching columns by position.
  void insert_into(const std::string& table, bool overwrite = false);
  void csv(const std::string& path) { format("csv").save(path); }
  void parquet(const std::string& path) { format("parquet").save(path); }
  void json(const std::string& path) { format("json").save(path); }
  void orc(const std::string& path) { format("orc").save(path); }
  void text(const std::string& path) { format("text").save(path); }  // one string column
  void jdbc(const std::string& url, const std::string& table,
            const std::map<std::string, std::string>& properties = {});

 private:
  enum class Target { path, none, table, insert };
  void run(Target target, const std::string& name);

  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> input_;
  SaveMode mode_ = SaveMode::error_if_exists;
  bool mode_set_ = false;
  std::string format_;
  std::map<std::string, std::string> options_;
  std::vector<std::string> partition_by_;
  int num_buckets_ = 0;
  std::vector<std::string> bucket_by_;
  std::vector<std::string> sort_by_;
};

}  // namespace sparkctl::connect
