// A DataFrame is an immutable plan, as pyspark.sql.DataFrame: every
// transformation returns a new DataFrame whose relation wraps the old one,
// and nothing reaches the server until an action (collect, count, show,
// schema, write().save()).
//
//   df.filter(col("age") > 18)
//     .group_by("sex").agg(avg("fare").alias("mean_fare"))
//     .order_by(desc("mean_fare"))
//     .show();
//
// Methods that take columns accept them one by one or as a list, each a
// Column or a column's name. `union` is a C++ keyword: union_all() is
// PySpark's union() (UNION ALL: duplicates stay), and union_() its alias.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/dataframe_writer.hpp"
#include "sparkctl/connect/function_args.hpp"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/value.hpp"

namespace spark::connect {
class Relation;
}

namespace sparkctl::connect {

class Client;
class DataFrameNaFunctions;
class GroupedData;

enum class JoinType { inner, left, right, full, left_semi, left_anti, cross };

enum class ExplainMode { simple, extended, codegen, cost, formatted };

// Where persist() keeps a DataFrame (Spark's StorageLevel constants).
enum class StorageLevel {
  memory_only,
  memory_and_disk,  // cache()'s level
  disk_only,
  memory_only_2,
  memory_and_disk_2,
  off_heap,
};

class DataFrame {
 public:
  DataFrame(std::shared_ptr<Client> client,
            std::shared_ptr<const spark::connect::Relation> relation);

  // ---- Columns
  DataFrame select(const std::vector<ColumnOrName>& columns) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  DataFrame select(const Columns&... columns) const {
    return select(columns_of(columns...));
  }
  DataFrame select_expr(const std::vector<std::string>& sql_expressions) const;
  DataFrame with_column(const std::string& name, const Column& value) const;
  // Adds or replaces several columns at once, in this order.
  DataFrame with_columns(const std::vector<std::pair<std::string, Column>>& columns) const;
  DataFrame with_column_renamed(const std::string& existing, const std::string& new_name) const;
  DataFrame with_columns_renamed(const std::map<std::string, std::string>& renames) const;
  DataFrame to_df(const std::vector<std::string>& names) const;  // renames every column
  DataFrame drop(const std::vector<ColumnOrName>& columns) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  DataFrame drop(const Columns&... columns) const {
    return drop(columns_of(columns...));
  }
  // This DataFrame's column `name`, tied to this plan: after a join,
  // left.col("id") and right.col("id") are different columns.
  Column col(const std::string& name) const;
  Column operator[](const std::string& name) const { return col(name); }
  // The plan under a name, for qualified columns: df.alias("t") then col("t.id").
  DataFrame alias(const std::string& name) const;

  // ---- Rows
  DataFrame filter(const Column& condition) const;
  DataFrame filter(const std::string& sql_condition) const;  // "age > 18"
  DataFrame where(const Column& condition) const { return filter(condition); }
  DataFrame where(const std::string& sql_condition) const { return filter(sql_condition); }
  DataFrame distinct() const;
  // Keeps the first row of each combination of `subset` (every column when empty).
  DataFrame drop_duplicates(const std::vector<std::string>& subset = {}) const;
  DataFrame order_by(const std::vector<ColumnOrName>& order) const;  // names sort ascending
  template <typename... Columns, typename = if_columns<Columns...>>
  DataFrame order_by(const Columns&... order) const {
    return order_by(columns_of(order...));
  }
  DataFrame sort(const std::vector<ColumnOrName>& order) const { return order_by(order); }
  template <typename... Columns, typename = if_columns<Columns...>>
  DataFrame sort(const Columns&... order) const {
    return order_by(columns_of(order...));
  }
  DataFrame sort_within_partitions(const std::vector<ColumnOrName>& order) const;
  DataFrame limit(int n) const;
  DataFrame offset(int n) const;
  // A random share of the rows (Bernoulli, or Poisson with replacement).
  DataFrame sample(double fraction, std::optional<std::int64_t> seed = std::nullopt,
                   bool with_replacement = false) const;

  // ---- Combining
  DataFrame union_all(const DataFrame& other) const;  // by position, duplicates kept
  DataFrame union_(const DataFrame& other) const { return union_all(other); }
  // By column name; with allow_missing_columns, columns only one side has are NULL on the other.
  DataFrame union_by_name(const DataFrame& other, bool allow_missing_columns = false) const;
  DataFrame intersect(const DataFrame& other) const;      // distinct rows in both
  DataFrame intersect_all(const DataFrame& other) const;  // with duplicates
  DataFrame subtract(const DataFrame& other) const;       // distinct rows not in other
  DataFrame except_all(const DataFrame& other) const;     // with duplicates
  DataFrame join(const DataFrame& other, const Column& on, JoinType how = JoinType::inner) const;
  // Equi-join on columns both sides name alike; they appear once in the result.
  DataFrame join(const DataFrame& other, const std::vector<std::string>& on,
                 JoinType how = JoinType::inner) const;
  // One such column (a template so that join(other, {"a", "b"}) means two columns).
  template <typename Name,
            typename = std::enable_if_t<std::is_convertible_v<const Name&, std::string_view>>>
  DataFrame join(const DataFrame& other, const Name& on, JoinType how = JoinType::inner) const {
    return join(other, std::vector<std::string>{std::string(std::string_view(on))}, how);
  }
  DataFrame cross_join(const DataFrame& other) const;

  // ---- Aggregation
  GroupedData group_by(const std::vector<ColumnOrName>& keys = {}) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  GroupedData group_by(const Columns&... keys) const;  // defined in grouped_data.hpp
  GroupedData rollup(const std::vector<ColumnOrName>& keys) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  GroupedData rollup(const Columns&... keys) const;  // defined in grouped_data.hpp
  GroupedData cube(const std::vector<ColumnOrName>& keys) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  GroupedData cube(const Columns&... keys) const;              // defined in grouped_data.hpp
  DataFrame agg(const std::vector<Column>& aggregates) const;  // over all rows
  template <typename... Columns>
  DataFrame agg(const Column& first, const Columns&... more) const {
    return agg(std::vector<Column>{first, more...});
  }
  // Statistics as string columns, like Spark's describe()/summary().
  DataFrame describe(const std::vector<std::string>& columns = {}) const;
  DataFrame summary(const std::vector<std::string>& statistics = {}) const;

  // ---- Partitions and caching
  DataFrame repartition(int num_partitions) const;
  DataFrame repartition(int num_partitions, const std::vector<ColumnOrName>& columns) const;
  DataFrame repartition(const std::vector<ColumnOrName>& columns) const;
  DataFrame coalesce(int num_partitions) const;  // fewer partitions, no shuffle
  DataFrame hint(const std::string& name,
                 const std::vector<ColumnOrLiteral>& parameters = {}) const;
  // Keeps the computed rows for later actions; unpersist() frees them.
  DataFrame cache() const;
  DataFrame persist(StorageLevel level = StorageLevel::memory_and_disk) const;
  DataFrame unpersist(bool blocking = false) const;

  DataFrameNaFunctions na() const;  // fill / drop / replace NULLs

  // ---- Views
  void create_temp_view(const std::string& name) const;  // fails if it exists
  void create_or_replace_temp_view(const std::string& name) const;
  void create_global_temp_view(const std::string& name) const;  // global_temp.<name>
  void create_or_replace_global_temp_view(const std::string& name) const;

  // ---- Actions (run on the server)
  Rows collect() const;  // every row, in memory
  // Each row as Spark sends it, in flat memory whatever the size of the
  // result (it runs on the thread that decodes; an exception it throws
  // cancels the query). Returns how many rows there were.
  std::int64_t for_each_row(const std::function<void(const Row&)>& visit) const;
  std::optional<Row> first() const;  // the first row, none when empty
  std::optional<Row> head() const { return first(); }
  Rows head(int n) const;  // the first n rows
  Rows take(int n) const { return head(n); }
  bool is_empty() const;
  std::int64_t count() const;
  // Prints the first n rows as Spark's show() does; values longer than 20
  // characters are cut unless truncate is false.
  void show(int n, std::ostream& out, bool truncate = true) const;
  void show(int n = 20) const;
  StructType schema() const;
  std::vector<std::string> columns() const;
  void print_schema(std::ostream& out) const;  // Spark's tree: root |-- name: type (nullable = ...)
  void print_schema() const;
  std::string explain_string(ExplainMode mode = ExplainMode::simple) const;
  void explain(ExplainMode mode = ExplainMode::simple) const;
  DataFrameWriter write() const;

  const spark::connect::Relation& relation() const { return *relation_; }
  const std::shared_ptr<Client>& client() const { return client_; }

 private:
  DataFrame set_operation(const DataFrame& other, int type, bool all, bool by_name,
                          bool allow_missing) const;
  void create_view(const std::string& name, bool global, bool replace) const;

  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> relation_;
};

}  // namespace sparkctl::connect

// After DataFrame, which they return by value.
#include "sparkctl/connect/grouped_data.hpp"  // IWYU pragma: export
#include "sparkctl/connect/na_functions.hpp"  // IWYU pragma: export
