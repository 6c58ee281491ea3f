// The parameter kinds of PySpark's functions as C++ types, so a call that
// PySpark would reject at run time does not compile:
//
//   ColumnOrName          a Column or a column's name:   upper("name"), upper(col("name"))
//   ColumnOr<T>           a Column or a literal T:       round("fare", 2), round("fare", col("n"))
//   ColumnOrNameOr<T>     a Column, a name or a T:       date_add("day", 1)
//   ColumnOrLiteral       a Column or any literal:       array_contains("tags", "x")
//   Lambda1/2/3           a C++ lambda over Columns:     transform("xs", [](Column x) { return x +
//   1; })
//
// so `round(col("x"), 2)` compiles and `round(2, col("x"))` does not.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sparkctl/connect/column.hpp"

namespace sparkctl::connect {

namespace functions {
Column col(const std::string& name);
}

class ColumnOrName {
 public:
  ColumnOrName(const Column& column) : column_(column) {}                   // NOLINT
  ColumnOrName(const char* name) : column_(functions::col(name)) {}         // NOLINT
  ColumnOrName(const std::string& name) : column_(functions::col(name)) {}  // NOLINT
  const Column& column() const { return column_; }

 private:
  Column column_;
};

// Methods that take columns one by one or as a list (select, group_by,
// partition_by, ...) accept these: select("name", col("age") + 1) or
// select({"name", col("age") + 1}).
template <typename... Values>
using if_columns = std::enable_if_t<(std::is_convertible_v<const Values&, ColumnOrName> && ...)>;

template <typename... Values>
std::vector<ColumnOrName> columns_of(const Values&... values) {
  return {ColumnOrName(values)...};
}

namespace detail {
// Which C++ values stand for a PySpark literal of type T (int, float, str, bool).
template <typename T, typename V>
inline constexpr bool literal_of_v =
    std::is_same_v<T, std::int64_t>  ? std::is_integral_v<V> && !std::is_same_v<V, bool>
    : std::is_same_v<T, double>      ? std::is_arithmetic_v<V> && !std::is_same_v<V, bool>
    : std::is_same_v<T, std::string> ? std::is_convertible_v<const V&, std::string_view>
    : std::is_same_v<T, bool>        ? std::is_same_v<V, bool>
                                     : false;

// PySpark sends a Python int as INT when it fits and BIGINT otherwise;
// functions expecting an INT argument (round's scale) need the former.
Column python_int(std::int64_t value);

template <typename T, typename V>
Column literal_of(const V& value) {
  if constexpr (std::is_same_v<T, std::int64_t>) {
    return python_int(static_cast<std::int64_t>(value));
  } else if constexpr (std::is_same_v<T, double>) {
    return functions::lit(static_cast<double>(value));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return functions::lit(std::string_view(value));
  } else {
    return functions::lit(value);
  }
}
}  // namespace detail

template <typename T>
class ColumnOr {
 public:
  ColumnOr(const Column& column) : column_(column) {}  // NOLINT
  template <typename V, typename = std::enable_if_t<detail::literal_of_v<T, V>>>
  ColumnOr(const V& value) : column_(detail::literal_of<T>(value)) {}  // NOLINT
  const Column& column() const { return column_; }

 private:
  Column column_;
};

template <typename T>
class ColumnOrNameOr {
 public:
  ColumnOrNameOr(const Column& column) : column_(column) {}                   // NOLINT
  ColumnOrNameOr(const char* name) : column_(functions::col(name)) {}         // NOLINT
  ColumnOrNameOr(const std::string& name) : column_(functions::col(name)) {}  // NOLINT
  template <typename V, typename = std::enable_if_t<detail::literal_of_v<T, V> &&
                                                    !std::is_convertible_v<const V&, std::string>>>
  ColumnOrNameOr(const V& value) : column_(detail::literal_of<T>(value)) {}  // NOLINT
  const Column& column() const { return column_; }

 private:
  Column column_;
};

// Functions over array and map elements take C++ lambdas; their parameters
// stand for the elements (and the index or key) in Spark.
using Lambda1 = std::function<Column(const Column&)>;
using Lambda2 = std::function<Column(const Column&, const Column&)>;
using Lambda3 = std::function<Column(const Column&, const Column&, const Column&)>;

}  // namespace sparkctl::connect
