#include "sparkctl/connect/functions.hpp"

#include "spark/connect/expressions.pb.h"

namespace sparkctl::connect::functions {
namespace {

using spark::connect::Expression;

Column string_literal(std::string value) {
  auto e = std::make_shared<Expression>();
  e->mutable_literal()->set_string(std::move(value));
  return Column(std::move(e));
}

}  // namespace

Column col(const std::string& name) {
  auto e = std::make_shared<Expression>();
  if (name == "*") {
    e->mutable_unresolved_star();
  } else {
    e->mutable_unresolved_attribute()->set_unparsed_identifier(name);
  }
  return Column(std::move(e));
}

Column expr(const std::string& sql) {
  auto e = std::make_shared<Expression>();
  e->mutable_expression_string()->set_expression(sql);
  return Column(std::move(e));
}

Column lit(int value) { return Column(value); }
Column lit(long value) { return Column(value); }
Column lit(long long value) { return Column(value); }
Column lit(double value) { return Column(value); }
Column lit(bool value) {
  auto e = std::make_shared<Expression>();
  e->mutable_literal()->set_boolean(value);
  return Column(std::move(e));
}
Column lit(const char* value) { return string_literal(value); }
Column lit(const std::string& value) { return string_literal(value); }

Column rand(std::int64_t seed) { return call_function("rand", {lit(static_cast<long>(seed))}); }
Column randn(std::int64_t seed) { return call_function("randn", {lit(static_cast<long>(seed))}); }

Column when(const Column& condition, const Column& value) {
  return call_function("when", {condition, value});
}

Column sum(const Column& c) { return call_function("sum", {c}); }
Column count(const Column& c) { return call_function("count", {c}); }
Column count_distinct(const Column& c) { return call_function("count", {c}, true); }
Column avg(const Column& c) { return call_function("avg", {c}); }
Column min(const Column& c) { return call_function("min", {c}); }
Column max(const Column& c) { return call_function("max", {c}); }
Column sqrt(const Column& c) { return call_function("sqrt", {c}); }
Column abs(const Column& c) { return call_function("abs", {c}); }

}  // namespace sparkctl::connect::functions
