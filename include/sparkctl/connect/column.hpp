// A column expression of a DataFrame plan (an immutable Spark Connect
// Expression). Operators build new expressions; nothing is evaluated on
// the client. Numbers convert implicitly, so `col("x") * col("x") + 1`
// works; use lit() for strings and booleans.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spark::connect {
class Expression;
}

namespace sparkctl::connect {

class Column {
 public:
  explicit Column(std::shared_ptr<const spark::connect::Expression> expression);
  Column(int value);            // NOLINT(google-explicit-constructor): literal
  Column(long value);           // NOLINT
  Column(long long value);      // NOLINT
  Column(double value);         // NOLINT
  Column(bool value) = delete;  // ambiguous: use lit(true)

  Column alias(const std::string& name) const;
  Column cast(const std::string& type) const;  // a Spark SQL type: "bigint", "decimal(10,2)"
  Column asc() const;
  Column desc() const;
  Column is_null() const;
  Column is_not_null() const;
  // CASE WHEN chains: when(c1, v1).when(c2, v2).otherwise(v3).
  Column when(const Column& condition, const Column& value) const;
  Column otherwise(const Column& value) const;

  const spark::connect::Expression& expression() const { return *expression_; }

 private:
  std::shared_ptr<const spark::connect::Expression> expression_;
};

// Spark function `name` applied to `arguments` (resolved by the server).
Column call_function(const std::string& name, const std::vector<Column>& arguments,
                     bool distinct = false);

Column operator+(const Column& a, const Column& b);
Column operator-(const Column& a, const Column& b);
Column operator*(const Column& a, const Column& b);
Column operator/(const Column& a, const Column& b);
Column operator%(const Column& a, const Column& b);
Column operator-(const Column& a);
Column operator==(const Column& a, const Column& b);
Column operator!=(const Column& a, const Column& b);
Column operator<(const Column& a, const Column& b);
Column operator<=(const Column& a, const Column& b);
Column operator>(const Column& a, const Column& b);
Column operator>=(const Column& a, const Column& b);
Column operator&&(const Column& a, const Column& b);
Column operator||(const Column& a, const Column& b);
Column operator!(const Column& a);

}  // namespace sparkctl::connect
