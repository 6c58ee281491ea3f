// Column: the expressions pyspark.sql.Column builds, with the function
// names PySpark's Connect client sends for each operator.
#include "sparkctl/connect/column.hpp"

#include "expression_builders.hpp"
#include "spark/connect/expressions.pb.h"
#include "sparkctl/connect/types.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

using spark::connect::Expression;
using SortOrder = Expression::SortOrder;

Column sort(const Expression& child, SortOrder::SortDirection direction,
            SortOrder::NullOrdering nulls) {
  auto e = std::make_shared<Expression>();
  auto* order = e->mutable_sort_order();
  *order->mutable_child() = child;
  order->set_direction(direction);
  order->set_null_ordering(nulls);
  return Column(std::move(e));
}

Column cast_to(const Expression& child, const DataType& type, Expression::Cast::EvalMode mode) {
  auto e = std::make_shared<Expression>();
  *e->mutable_cast()->mutable_expr() = child;
  type.to_proto(*e->mutable_cast()->mutable_type());
  e->mutable_cast()->set_eval_mode(mode);
  return Column(std::move(e));
}

Column extract(const Expression& child, const Column& key) {
  auto e = std::make_shared<Expression>();
  *e->mutable_unresolved_extract_value()->mutable_child() = child;
  *e->mutable_unresolved_extract_value()->mutable_extraction() = key.expression();
  return Column(std::move(e));
}

// The CASE WHEN chain `when` extends: the function "when" with arguments
// cond1, value1, cond2, value2, ... [, else].
const Expression::UnresolvedFunction& open_case_chain(const Expression& e, const char* method) {
  const auto& f = e.unresolved_function();
  if (!e.has_unresolved_function() || f.function_name() != "when" || f.arguments_size() % 2 != 0) {
    throw Error::job(std::string(method) + "() can only follow when(...), before otherwise()");
  }
  return f;
}

}  // namespace

Column::Column(std::shared_ptr<const Expression> expression) : expression_(std::move(expression)) {}
Column::Column(int value) : Column(literal_column([&](auto& l) { l.set_integer(value); })) {}
Column::Column(long value) : Column(literal_column([&](auto& l) { l.set_long_(value); })) {}
Column::Column(long long value) : Column(literal_column([&](auto& l) { l.set_long_(value); })) {}
Column::Column(double value) : Column(literal_column([&](auto& l) { l.set_double_(value); })) {}

Column Column::alias(const std::string& name) const {
  return alias(std::vector<std::string>{name});
}

Column Column::alias(const std::vector<std::string>& names) const {
  auto e = std::make_shared<Expression>();
  *e->mutable_alias()->mutable_expr() = *expression_;
  for (const auto& name : names) e->mutable_alias()->add_name(name);
  return Column(std::move(e));
}

Column Column::cast(const DataType& type) const {
  return cast_to(*expression_, type, Expression::Cast::EVAL_MODE_UNSPECIFIED);
}

Column Column::cast(const std::string& type) const {
  auto e = std::make_shared<Expression>();
  *e->mutable_cast()->mutable_expr() = *expression_;
  e->mutable_cast()->set_type_str(type);
  return Column(std::move(e));
}

Column Column::try_cast(const DataType& type) const {
  return cast_to(*expression_, type, Expression::Cast::EVAL_MODE_TRY);
}

Column Column::asc() const { return asc_nulls_first(); }
Column Column::asc_nulls_first() const {
  return sort(*expression_, SortOrder::SORT_DIRECTION_ASCENDING, SortOrder::SORT_NULLS_FIRST);
}
Column Column::asc_nulls_last() const {
  return sort(*expression_, SortOrder::SORT_DIRECTION_ASCENDING, SortOrder::SORT_NULLS_LAST);
}
Column Column::desc() const { return desc_nulls_last(); }
Column Column::desc_nulls_first() const {
  return sort(*expression_, SortOrder::SORT_DIRECTION_DESCENDING, SortOrder::SORT_NULLS_FIRST);
}
Column Column::desc_nulls_last() const {
  return sort(*expression_, SortOrder::SORT_DIRECTION_DESCENDING, SortOrder::SORT_NULLS_LAST);
}

Column Column::is_null() const { return call_function("isNull", {*this}); }
Column Column::is_not_null() const { return call_function("isNotNull", {*this}); }
Column Column::is_nan() const { return call_function("isNaN", {*this}); }
Column Column::eq_null_safe(const ColumnOrLiteral& other) const {
  return detail::binary("<=>", *this, other);
}
Column Column::between(const ColumnOrLiteral& lower, const ColumnOrLiteral& upper) const {
  return detail::binary(">=", *this, lower) && detail::binary("<=", *this, upper);
}

Column Column::isin(const std::vector<ColumnOrLiteral>& values) const {
  std::vector<Column> arguments = {*this};
  for (const auto& v : values) arguments.push_back(v.column());
  return call_function("in", arguments);
}

Column Column::like(const std::string& pattern) const {
  return detail::binary("like", *this, pattern);
}
Column Column::rlike(const std::string& regex) const {
  return detail::binary("rlike", *this, regex);
}
Column Column::ilike(const std::string& pattern) const {
  return detail::binary("ilike", *this, pattern);
}
Column Column::contains(const ColumnOrLiteral& other) const {
  return detail::binary("contains", *this, other);
}
Column Column::startswith(const ColumnOrLiteral& other) const {
  return detail::binary("startsWith", *this, other);
}
Column Column::endswith(const ColumnOrLiteral& other) const {
  return detail::binary("endsWith", *this, other);
}

Column Column::substr(const Column& start, const Column& length) const {
  return call_function("substr", {*this, start, length});
}

Column Column::get_field(const std::string& name) const {
  return extract(*expression_, functions::lit(name));
}
Column Column::get_item(const ColumnOrLiteral& key) const {
  return extract(*expression_, key.column());
}
Column Column::operator[](const ColumnOrLiteral& key) const { return get_item(key); }

Column Column::with_field(const std::string& name, const Column& value) const {
  auto e = std::make_shared<Expression>();
  auto* update = e->mutable_update_fields();
  *update->mutable_struct_expression() = *expression_;
  update->set_field_name(name);
  *update->mutable_value_expression() = value.expression();
  return Column(std::move(e));
}

Column Column::drop_fields(const std::vector<std::string>& names) const {
  if (names.empty()) throw Error::job("drop_fields() needs at least one field name");
  Column out = *this;
  for (const auto& name : names) {
    auto e = std::make_shared<Expression>();
    *e->mutable_update_fields()->mutable_struct_expression() = out.expression();
    e->mutable_update_fields()->set_field_name(name);
    out = Column(std::move(e));
  }
  return out;
}

Column Column::when(const Column& condition, const ColumnOrLiteral& value) const {
  open_case_chain(*expression_, "when");
  auto e = std::make_shared<Expression>(*expression_);
  auto* args = e->mutable_unresolved_function()->mutable_arguments();
  *args->Add() = condition.expression();
  *args->Add() = value.column().expression();
  return Column(std::move(e));
}

Column Column::otherwise(const ColumnOrLiteral& value) const {
  open_case_chain(*expression_, "otherwise");
  auto e = std::make_shared<Expression>(*expression_);
  *e->mutable_unresolved_function()->add_arguments() = value.column().expression();
  return Column(std::move(e));
}

Column Column::bitwise_and(const ColumnOrLiteral& other) const {
  return detail::binary("&", *this, other);
}
Column Column::bitwise_or(const ColumnOrLiteral& other) const {
  return detail::binary("|", *this, other);
}
Column Column::bitwise_xor(const ColumnOrLiteral& other) const {
  return detail::binary("^", *this, other);
}

Column call_function(const std::string& name, const std::vector<Column>& arguments, bool distinct) {
  auto e = std::make_shared<Expression>();
  auto* f = e->mutable_unresolved_function();
  f->set_function_name(name);
  f->set_is_distinct(distinct);
  for (const Column& a : arguments) *f->add_arguments() = a.expression();
  return Column(std::move(e));
}

Column detail::binary(const char* function, const ColumnOrLiteral& a, const ColumnOrLiteral& b) {
  return call_function(function, {a.column(), b.column()});
}

Column operator-(const Column& a) { return call_function("negative", {a}); }
Column operator!(const Column& a) { return call_function("not", {a}); }
Column operator~(const Column& a) { return !a; }

}  // namespace sparkctl::connect
