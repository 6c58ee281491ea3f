// A DataFrame is an immutable plan: every transformation returns a new
// DataFrame whose relation wraps the old one, and nothing reaches the
// server until an action (collect, count, show, schema, write().save()).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/dataframe_writer.hpp"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/connect/value.hpp"

namespace spark::connect {
class Relation;
}

namespace sparkctl::connect {

class Client;
class DataFrame;

// The result of group_by(): aggregate it with agg().
class GroupedData {
 public:
  GroupedData(std::shared_ptr<Client> client, std::shared_ptr<const spark::connect::Relation> input,
              std::vector<Column> keys);
  DataFrame agg(const std::vector<Column>& aggregates) const;
  DataFrame count() const;  // one "count" column per group

 private:
  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> input_;
  std::vector<Column> keys_;
};

class DataFrame {
 public:
  DataFrame(std::shared_ptr<Client> client,
            std::shared_ptr<const spark::connect::Relation> relation);

  // Transformations (lazy).
  DataFrame select(const std::vector<Column>& columns) const;
  DataFrame select(const std::vector<std::string>& column_names) const;
  DataFrame with_column(const std::string& name, const Column& value) const;
  DataFrame filter(const Column& condition) const;
  DataFrame where(const Column& condition) const { return filter(condition); }
  GroupedData group_by(const std::vector<Column>& keys = {}) const;
  DataFrame agg(const std::vector<Column>& aggregates) const;  // over all rows
  DataFrame limit(int n) const;
  DataFrame order_by(const std::vector<Column>& order) const;  // col("x").desc() etc.
  // Statistics as string columns, like Spark's describe()/summary().
  DataFrame describe(const std::vector<std::string>& columns = {}) const;
  DataFrame summary(const std::vector<std::string>& statistics = {}) const;

  // Actions (run on the server).
  Rows collect() const;
  std::int64_t count() const;
  // Prints the first n rows as Spark's show() does; values longer than 20
  // characters are cut unless truncate is false.
  void show(int n, std::ostream& out, bool truncate = true) const;
  void show(int n = 20) const;
  StructType schema() const;
  DataFrameWriter write() const;

  const spark::connect::Relation& relation() const { return *relation_; }

 private:
  std::shared_ptr<Client> client_;
  std::shared_ptr<const spark::connect::Relation> relation_;
};

}  // namespace sparkctl::connect
