// Window specifications for window functions, as pyspark.sql.Window:
//
//   auto by_class = Window::partition_by("pclass").order_by(col("fare").desc());
//   df.with_column("fare_rank", rank().over(by_class));
//   sum("amount").over(Window::order_by("day").rows_between(Window::unbounded_preceding,
//                                                            Window::current_row));
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/function_args.hpp"

namespace sparkctl::connect {

class WindowSpec {
 public:
  // A frame's bounds, relative to the current row (rows) or to its
  // ordering value (range); see Window's constants.
  struct Frame {
    bool rows = true;  // rows_between, else range_between
    std::int64_t start = 0;
    std::int64_t end = 0;
  };

  WindowSpec partition_by(const std::vector<ColumnOrName>& columns) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  WindowSpec partition_by(const Columns&... columns) const {
    return partition_by(columns_of(columns...));
  }
  // Names sort ascending; use col("x").desc() or desc("x") for the others.
  WindowSpec order_by(const std::vector<ColumnOrName>& columns) const;
  template <typename... Columns, typename = if_columns<Columns...>>
  WindowSpec order_by(const Columns&... columns) const {
    return order_by(columns_of(columns...));
  }
  WindowSpec rows_between(std::int64_t start, std::int64_t end) const;
  WindowSpec range_between(std::int64_t start, std::int64_t end) const;

  const std::vector<Column>& partitions() const { return partitions_; }
  const std::vector<Column>& orders() const { return orders_; }  // sort orders
  const std::optional<Frame>& frame() const { return frame_; }

 private:
  std::vector<Column> partitions_;
  std::vector<Column> orders_;
  std::optional<Frame> frame_;
};

// Where a WindowSpec starts: Window::partition_by(...), Window::order_by(...).
class Window {
 public:
  static constexpr std::int64_t unbounded_preceding = std::numeric_limits<std::int64_t>::min();
  static constexpr std::int64_t unbounded_following = std::numeric_limits<std::int64_t>::max();
  static constexpr std::int64_t current_row = 0;

  template <typename... Columns, typename = if_columns<Columns...>>
  static WindowSpec partition_by(const Columns&... columns) {
    return WindowSpec().partition_by(columns...);
  }
  static WindowSpec partition_by(const std::vector<ColumnOrName>& columns) {
    return WindowSpec().partition_by(columns);
  }
  template <typename... Columns, typename = if_columns<Columns...>>
  static WindowSpec order_by(const Columns&... columns) {
    return WindowSpec().order_by(columns...);
  }
  static WindowSpec order_by(const std::vector<ColumnOrName>& columns) {
    return WindowSpec().order_by(columns);
  }
  static WindowSpec rows_between(std::int64_t start, std::int64_t end) {
    return WindowSpec().rows_between(start, end);
  }
  static WindowSpec range_between(std::int64_t start, std::int64_t end) {
    return WindowSpec().range_between(start, end);
  }
};

}  // namespace sparkctl::connect
