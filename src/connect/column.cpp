#include "sparkctl/connect/column.hpp"

#include <functional>

#include "spark/connect/expressions.pb.h"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

using spark::connect::Expression;

Column literal(const std::function<void(Expression::Literal&)>& set) {
  auto e = std::make_shared<Expression>();
  set(*e->mutable_literal());
  return Column(std::move(e));
}

Column sort(const Expression& child, Expression::SortOrder::SortDirection direction) {
  auto e = std::make_shared<Expression>();
  auto* order = e->mutable_sort_order();
  *order->mutable_child() = child;
  order->set_direction(direction);
  order->set_null_ordering(direction == Expression::SortOrder::SORT_DIRECTION_ASCENDING
                               ? Expression::SortOrder::SORT_NULLS_FIRST
                               : Expression::SortOrder::SORT_NULLS_LAST);
  return Column(std::move(e));
}

}  // namespace

Column::Column(std::shared_ptr<const Expression> expression) : expression_(std::move(expression)) {}
Column::Column(int value) : Column(literal([&](auto& l) { l.set_integer(value); })) {}
Column::Column(long value) : Column(literal([&](auto& l) { l.set_long_(value); })) {}
Column::Column(long long value) : Column(literal([&](auto& l) { l.set_long_(value); })) {}
Column::Column(double value) : Column(literal([&](auto& l) { l.set_double_(value); })) {}

Column Column::alias(const std::string& name) const {
  auto e = std::make_shared<Expression>();
  *e->mutable_alias()->mutable_expr() = *expression_;
  e->mutable_alias()->add_name(name);
  return Column(std::move(e));
}

Column Column::cast(const std::string& type) const {
  auto e = std::make_shared<Expression>();
  *e->mutable_cast()->mutable_expr() = *expression_;
  e->mutable_cast()->set_type_str(type);
  return Column(std::move(e));
}

Column Column::asc() const {
  return sort(*expression_, Expression::SortOrder::SORT_DIRECTION_ASCENDING);
}
Column Column::desc() const {
  return sort(*expression_, Expression::SortOrder::SORT_DIRECTION_DESCENDING);
}
Column Column::is_null() const { return call_function("isnull", {*this}); }
Column Column::is_not_null() const { return call_function("isnotnull", {*this}); }

// Spark Connect encodes CASE WHEN as the function "when" with arguments
// cond1, value1, cond2, value2, ... [, else].
Column Column::when(const Column& condition, const Column& value) const {
  const auto& f = expression_->unresolved_function();
  if (!expression_->has_unresolved_function() || f.function_name() != "when" ||
      f.arguments_size() % 2 != 0) {
    throw Error::usage("when() can only follow when(...) (before otherwise())");
  }
  auto e = std::make_shared<Expression>(*expression_);
  auto* args = e->mutable_unresolved_function()->mutable_arguments();
  *args->Add() = condition.expression();
  *args->Add() = value.expression();
  return Column(std::move(e));
}

Column Column::otherwise(const Column& value) const {
  const auto& f = expression_->unresolved_function();
  if (!expression_->has_unresolved_function() || f.function_name() != "when" ||
      f.arguments_size() % 2 != 0) {
    throw Error::usage("otherwise() can only follow when(...), once");
  }
  auto e = std::make_shared<Expression>(*expression_);
  *e->mutable_unresolved_function()->add_arguments() = value.expression();
  return Column(std::move(e));
}

Column call_function(const std::string& name, const std::vector<Column>& arguments, bool distinct) {
  auto e = std::make_shared<Expression>();
  auto* f = e->mutable_unresolved_function();
  f->set_function_name(name);
  f->set_is_distinct(distinct);
  for (const Column& a : arguments) *f->add_arguments() = a.expression();
  return Column(std::move(e));
}

Column operator+(const Column& a, const Column& b) { return call_function("+", {a, b}); }
Column operator-(const Column& a, const Column& b) { return call_function("-", {a, b}); }
Column operator*(const Column& a, const Column& b) { return call_function("*", {a, b}); }
Column operator/(const Column& a, const Column& b) { return call_function("/", {a, b}); }
Column operator%(const Column& a, const Column& b) { return call_function("%", {a, b}); }
Column operator-(const Column& a) { return call_function("negative", {a}); }
Column operator==(const Column& a, const Column& b) { return call_function("==", {a, b}); }
Column operator!=(const Column& a, const Column& b) { return !(a == b); }
Column operator<(const Column& a, const Column& b) { return call_function("<", {a, b}); }
Column operator<=(const Column& a, const Column& b) { return call_function("<=", {a, b}); }
Column operator>(const Column& a, const Column& b) { return call_function(">", {a, b}); }
Column operator>=(const Column& a, const Column& b) { return call_function(">=", {a, b}); }
Column operator&&(const Column& a, const Column& b) { return call_function("and", {a, b}); }
Column operator||(const Column& a, const Column& b) { return call_function("or", {a, b}); }
Column operator!(const Column& a) { return call_function("not", {a}); }

}  // namespace sparkctl::connect
