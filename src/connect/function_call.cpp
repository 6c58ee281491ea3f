#include "function_call.hpp"

#include <atomic>
#include <utility>

#include "spark/connect/expressions.pb.h"

namespace sparkctl::connect::detail {
namespace {

using spark::connect::Expression;

// Lambda variables need names unique within a plan, as PySpark's x_1, x_2.
std::string fresh_variable(const char* stem) {
  static std::atomic<long> next{0};
  return std::string(stem) + "_" + std::to_string(++next);
}

template <typename F, std::size_t... I>
Column apply(const F& f, const std::vector<Column>& params, std::index_sequence<I...>) {
  return f(params[I]...);
}

template <typename... Params>
Column lambda(const std::function<Column(const Params&...)>& f) {
  static const char* stems[] = {"x", "y", "z"};
  std::vector<Expression::UnresolvedNamedLambdaVariable> variables;
  std::vector<Column> params;
  for (std::size_t i = 0; i < sizeof...(Params); ++i) {
    Expression::UnresolvedNamedLambdaVariable v;
    v.add_name_parts(fresh_variable(stems[i]));
    auto e = std::make_shared<Expression>();
    *e->mutable_unresolved_named_lambda_variable() = v;
    variables.push_back(v);
    params.emplace_back(std::move(e));
  }
  const Column body = apply(f, params, std::index_sequence_for<Params...>{});
  auto e = std::make_shared<Expression>();
  *e->mutable_lambda_function()->mutable_function() = body.expression();
  for (const auto& v : variables) *e->mutable_lambda_function()->add_arguments() = v;
  return Column(std::move(e));
}

}  // namespace

void append(Arguments& out, const std::map<std::string, std::string>& options) {
  Arguments pairs;
  for (const auto& [key, value] : options) {
    pairs.push_back(functions::lit(key));
    pairs.push_back(functions::lit(value));
  }
  out.push_back(call_function("map", pairs));
}

void append(Arguments& out, const std::vector<double>& values) {
  Arguments elements;
  for (double v : values) elements.push_back(functions::lit(v));
  out.push_back(call_function("array", elements));
}

void append(Arguments& out, const Lambda1& f) { out.push_back(lambda(f)); }
void append(Arguments& out, const Lambda2& f) { out.push_back(lambda(f)); }
void append(Arguments& out, const Lambda3& f) { out.push_back(lambda(f)); }

Column finish_call(const char* name, bool distinct, Arguments arguments) {
  // count("*"): PySpark counts rows as count(1); a bare star is not an argument.
  if (std::string_view(name) == "count" && arguments.size() == 1 &&
      arguments[0].expression().has_unresolved_star() &&
      !arguments[0].expression().unresolved_star().has_unparsed_target()) {
    arguments[0] = functions::lit(1);
  }
  return call_function(name, arguments, distinct);
}

}  // namespace sparkctl::connect::detail
