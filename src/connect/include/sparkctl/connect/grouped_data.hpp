// The result of group_by / rollup / cube (and pivot): aggregate it with
// agg() or a shortcut, as pyspark.sql.GroupedData.
//
//   df.group_by("pclass").agg(avg("survived").alias("rate"), count("*").alias("n"))
//   df.group_by("year").pivot("quarter", {1, 2, 3, 4}).sum("revenue")
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/function_args.hpp"

namespace spark::connect {
class Relation;
}

namespace sparkctl::connect {

class Client;

class GroupedData {
 public:
  enum class Kind { group_by, rollup, cube };

  GroupedData(std::shared_ptr<Client> client, std::shared_ptr<const spark::connect::Relation> input,
              Kind kind, std::vector<Column> keys);

  DataFrame agg(const std::vector<Column>& aggregates) const;
  template <typename... Columns>
  DataFrame agg(const Column& first, const Columns&... more) const {
    return agg(std::vector<Column>{first, more...});
  }

  DataFrame count() const;  // one "count" column per group
  // Per group, of the named numeric columns (every numeric column when none is named).
  DataFrame sum(const std::vector<std::string>& columns = {}) const;
  DataFrame avg(const std::vector<std::string>& columns = {}) const;
  DataFrame mean(const std::vector<std::string>& columns = {}) const { return avg(columns); }
  DataFrame min(const std::vector<std::string>& columns = {}) const;
  DataFrame max(const std::vector<std::string>& columns = {}) const;
  template <typename... Names>
  DataFrame sum(const std::string& column, const Names&... more) const {
    return sum(std::vector<std::string>{column, more...});
  }
  template <typename... Names>
  DataFrame avg(const std::string& column, const Names&... more) const {
    return avg(std::vector<std::string>{column, more...});
  }
  template <typename... Names>
  DataFrame mean(const std::string& column, const Names&... more) const {
    return avg(std::vector<std::string>{column, more...});
  }
  template <typename... Names>
  DataFrame min(const std::string& column, const Names&... more) const {
    return min(std::vector<std::string>{column, more...});
  }
  template <typename... Names>
  DataFrame max(const std::string& column, const Names&... more) const {
    return max(std::vector<std::string>{column, more...});
  }

  // One output column per value of `column` (after group_by only); with
  // the values listed, Spark need not compute them first.
  GroupedData pivot(const std::string& column) const;
  GroupedData pivot(const std::string& column, const std::vector<ColumnOrLiteral>& values) const;

 private:
  DataFrame numeric_aggregate(const char* function, const std::vector<std::string>& columns) const;

  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> input_;
  Kind kind_;
  std::vector<Column> keys_;
  struct Pivot {
    Column column;
    std::vector<Column> values;
  };
  std::optional<Pivot> pivot_;
};

// DataFrame's variadic groupings, here where GroupedData is complete.
template <typename... Columns, typename>
GroupedData DataFrame::group_by(const Columns&... keys) const {
  return group_by(columns_of(keys...));
}
template <typename... Columns, typename>
GroupedData DataFrame::rollup(const Columns&... keys) const {
  return rollup(columns_of(keys...));
}
template <typename... Columns, typename>
GroupedData DataFrame::cube(const Columns&... keys) const {
  return cube(columns_of(keys...));
}

}  // namespace sparkctl::connect
