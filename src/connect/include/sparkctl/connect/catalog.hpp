// The session's catalog, as pyspark's spark.catalog: databases, tables,
// views, columns and functions, and what is cached.
//
//   for (const auto& t : spark.catalog().list_tables()) std::cout << t.name << "\n";
//   if (spark.catalog().table_exists("people")) ...
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sparkctl::connect {

class Client;

class Catalog {
 public:
  struct Database {
    std::string name;
    std::string catalog;
    std::string description;
    std::string location_uri;
  };
  struct Table {
    std::string name;
    std::string catalog;
    std::vector<std::string> namespace_;  // e.g. {"default"}; empty for temporary views
    std::string description;
    std::string table_type;  // MANAGED, EXTERNAL, VIEW, TEMPORARY
    bool is_temporary = false;
  };
  struct Column {
    std::string name;
    std::string description;
    std::string data_type;  // Spark's simple string: "int", "array<string>"
    bool nullable = true;
    bool is_partition = false;
    bool is_bucket = false;
  };
  struct Function {
    std::string name;
    std::string catalog;
    std::vector<std::string> namespace_;
    std::string description;
    std::string class_name;
    bool is_temporary = false;
  };

  explicit Catalog(std::shared_ptr<Client> client);

  std::string current_catalog() const;
  std::string current_database() const;
  void set_current_database(const std::string& name) const;
  // `pattern`: Spark's LIKE-style pattern ("sales*"); "" lists all.
  std::vector<Database> list_databases(const std::string& pattern = "") const;
  bool database_exists(const std::string& name) const;
  // Tables and views of `database` (the current one when ""), temporary views included.
  std::vector<Table> list_tables(const std::string& database = "",
                                 const std::string& pattern = "") const;
  bool table_exists(const std::string& name, const std::string& database = "") const;
  std::vector<Column> list_columns(const std::string& table,
                                   const std::string& database = "") const;
  std::vector<Function> list_functions(const std::string& database = "",
                                       const std::string& pattern = "") const;
  bool function_exists(const std::string& name, const std::string& database = "") const;
  // True when the view existed (and is now gone).
  bool drop_temp_view(const std::string& name) const;
  bool drop_global_temp_view(const std::string& name) const;

  bool is_cached(const std::string& table) const;
  void cache_table(const std::string& table) const;
  void uncache_table(const std::string& table) const;
  void clear_cache() const;
  void refresh_table(const std::string& table) const;

 private:
  std::shared_ptr<Client> client_;
};

}  // namespace sparkctl::connect
