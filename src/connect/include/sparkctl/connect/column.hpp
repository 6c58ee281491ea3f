// A column expression of a DataFrame plan (an immutable Spark Connect
// Expression), as pyspark.sql.Column. Operators and methods build new
// expressions; nothing is evaluated on the client.
//
//   col("age") >= 18 && col("sex") == "female"
//   (col("fare") * 1.1).alias("fare_with_tax").cast(DecimalType(10, 2))
//   rank().over(Window::partition_by("pclass").order_by(col("fare").desc()))
//
// Literals mix in where PySpark allows them (numbers, bool, strings); a
// string in an operator or a method argument is a value, never a column
// name: use col("name") for columns. `&&`/`||`/`!` and PySpark's `&`/`|`/`~`
// are the same boolean operators.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace spark::connect {
class Expression;
}

namespace sparkctl::connect {

class DataType;
class WindowSpec;
class ColumnOrLiteral;

class Column {
 public:
  explicit Column(std::shared_ptr<const spark::connect::Expression> expression);
  // Numbers convert implicitly, so `col("x") * col("x") + 1` works.
  Column(int value);        // NOLINT(google-explicit-constructor): INT literal
  Column(long value);       // NOLINT: BIGINT literal
  Column(long long value);  // NOLINT: BIGINT literal
  Column(double value);     // NOLINT: DOUBLE literal
  // Not from bool: a pointer would convert too. Use lit(true).
  template <typename T, typename = std::enable_if_t<std::is_same_v<T, bool>>>
  Column(T value) = delete;  // NOLINT

  // Naming and types.
  Column alias(const std::string& name) const;
  Column alias(const std::vector<std::string>& names) const;  // for generators: explode(map)
  Column cast(const DataType& type) const;
  Column cast(const std::string& type) const;   // a Spark SQL type: "bigint", "decimal(10,2)"
  Column try_cast(const DataType& type) const;  // NULL where the value does not convert

  // Sort orders for order_by / Window::order_by. asc() puts NULLs first,
  // desc() last, as Spark does.
  Column asc() const;
  Column asc_nulls_first() const;
  Column asc_nulls_last() const;
  Column desc() const;
  Column desc_nulls_first() const;
  Column desc_nulls_last() const;

  // Predicates.
  Column is_null() const;
  Column is_not_null() const;
  Column is_nan() const;
  Column eq_null_safe(const ColumnOrLiteral& other) const;  // SQL <=>: NULL <=> NULL is true
  Column between(const ColumnOrLiteral& lower, const ColumnOrLiteral& upper) const;
  // SQL IN: col("class").isin(1, 2) or isin(std::vector<Column>{...}).
  Column isin(const std::vector<ColumnOrLiteral>& values) const;
  template <typename... Values>
  Column isin(const Values&... values) const;
  Column like(const std::string& pattern) const;   // SQL LIKE: % and _
  Column rlike(const std::string& regex) const;    // Java regular expression
  Column ilike(const std::string& pattern) const;  // LIKE, case-insensitive
  Column contains(const ColumnOrLiteral& other) const;
  Column startswith(const ColumnOrLiteral& other) const;
  Column endswith(const ColumnOrLiteral& other) const;

  // Strings: the substring of `length` from 1-based `start`.
  Column substr(const Column& start, const Column& length) const;

  // Nested values: a struct's field, an array's element (0-based) or a
  // map's value by key; col("a")["b"] is get_item("b").
  Column get_field(const std::string& name) const;
  Column get_item(const ColumnOrLiteral& key) const;
  Column operator[](const ColumnOrLiteral& key) const;
  Column with_field(const std::string& name, const Column& value) const;
  Column drop_fields(const std::vector<std::string>& names) const;

  // CASE WHEN chains: when(c1, v1).when(c2, v2).otherwise(v3).
  Column when(const Column& condition, const ColumnOrLiteral& value) const;
  Column otherwise(const ColumnOrLiteral& value) const;

  // This (window or aggregate) function over a window; over() is the
  // whole result as one partition.
  Column over(const WindowSpec& window) const;
  Column over() const;

  Column bitwise_and(const ColumnOrLiteral& other) const;
  Column bitwise_or(const ColumnOrLiteral& other) const;
  Column bitwise_xor(const ColumnOrLiteral& other) const;

  const spark::connect::Expression& expression() const { return *expression_; }

 private:
  std::shared_ptr<const spark::connect::Expression> expression_;
};

namespace functions {

// A literal column: lit(42) is an INT, lit(42L) and lit(int64_t) BIGINT,
// lit(1.5f) FLOAT, lit(1.5) DOUBLE, lit("x") STRING, lit(nullptr) NULL.
Column lit(bool value);
Column lit(int value);
Column lit(long value);
Column lit(long long value);
Column lit(float value);
Column lit(double value);
Column lit(const char* value);
Column lit(const std::string& value);
Column lit(std::string_view value);
Column lit(std::nullptr_t);
Column lit(const Column& column);  // itself, as PySpark's lit(col)
// Other integer types (short, unsigned, ...): INT when they fit, else BIGINT.
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
Column lit(T value) {
  if constexpr (std::is_signed_v<T> ? sizeof(T) < sizeof(int) : sizeof(T) < sizeof(int)) {
    return lit(static_cast<int>(value));
  } else {
    return lit(static_cast<long long>(value));
  }
}

}  // namespace functions

// Values that can stand for a literal column: numbers, bool, strings.
template <typename T>
inline constexpr bool is_literal_v =
    std::is_arithmetic_v<std::decay_t<T>> || std::is_convertible_v<const T&, std::string_view> ||
    std::is_same_v<std::decay_t<T>, std::nullptr_t>;

// A parameter that is a Column or a literal value (PySpark's Any).
class ColumnOrLiteral {
 public:
  ColumnOrLiteral(const Column& column) : column_(column) {}  // NOLINT
  template <typename T, typename = std::enable_if_t<is_literal_v<T>>>
  ColumnOrLiteral(const T& value) : column_(functions::lit(value)) {}  // NOLINT
  const Column& column() const { return column_; }

 private:
  Column column_;
};

template <typename... Values>
Column Column::isin(const Values&... values) const {
  return isin(std::vector<ColumnOrLiteral>{ColumnOrLiteral(values)...});
}

// Spark function `name` applied to `arguments` (resolved by the server):
// the escape hatch for functions sparkctl does not name.
Column call_function(const std::string& name, const std::vector<Column>& arguments,
                     bool distinct = false);

namespace detail {
// Operands of the column operators: at least one side is a Column, the
// other a Column or a literal.
template <typename A, typename B>
inline constexpr bool is_operand_pair_v = (std::is_same_v<A, Column> &&
                                           (std::is_same_v<B, Column> || is_literal_v<B>)) ||
                                          (std::is_same_v<B, Column> && is_literal_v<A>);
template <typename A, typename B>
using if_operands = std::enable_if_t<is_operand_pair_v<A, B>, Column>;
Column binary(const char* function, const ColumnOrLiteral& a, const ColumnOrLiteral& b);
}  // namespace detail

// clang-format off
template <typename A, typename B> detail::if_operands<A, B> operator+(const A& a, const B& b) { return detail::binary("+", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator-(const A& a, const B& b) { return detail::binary("-", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator*(const A& a, const B& b) { return detail::binary("*", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator/(const A& a, const B& b) { return detail::binary("/", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator%(const A& a, const B& b) { return detail::binary("%", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator==(const A& a, const B& b) { return detail::binary("==", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator<(const A& a, const B& b) { return detail::binary("<", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator<=(const A& a, const B& b) { return detail::binary("<=", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator>(const A& a, const B& b) { return detail::binary(">", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator>=(const A& a, const B& b) { return detail::binary(">=", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator&&(const A& a, const B& b) { return detail::binary("and", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator||(const A& a, const B& b) { return detail::binary("or", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator&(const A& a, const B& b) { return detail::binary("and", a, b); }
template <typename A, typename B> detail::if_operands<A, B> operator|(const A& a, const B& b) { return detail::binary("or", a, b); }
// clang-format on
template <typename A, typename B>
detail::if_operands<A, B> operator!=(const A& a, const B& b) {
  return !(a == b);
}
Column operator-(const Column& a);  // negative
Column operator!(const Column& a);  // not
Column operator~(const Column& a);  // not, as PySpark spells it

}  // namespace sparkctl::connect
