// lit(): C++ values as Spark literals, typed as C++ types them.
#include "expression_builders.hpp"
#include "sparkctl/connect/function_args.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {

namespace functions {

Column lit(bool value) {
  return literal_column([&](auto& l) { l.set_boolean(value); });
}
Column lit(int value) { return Column(value); }
Column lit(long value) { return Column(value); }
Column lit(long long value) { return Column(value); }
Column lit(float value) {
  return literal_column([&](auto& l) { l.set_float_(value); });
}
Column lit(double value) { return Column(value); }
Column lit(const char* value) { return lit(std::string_view(value)); }
Column lit(const std::string& value) { return lit(std::string_view(value)); }
Column lit(std::string_view value) {
  return literal_column([&](auto& l) { l.set_string(std::string(value)); });
}
Column lit(std::nullptr_t) {
  return literal_column([](auto& l) { NullType().to_proto(*l.mutable_null()); });
}
Column lit(const Column& column) { return column; }

}  // namespace functions

Column detail::python_int(std::int64_t value) {
  if (value >= INT32_MIN && value <= INT32_MAX) return Column(static_cast<int>(value));
  return Column(static_cast<long long>(value));
}

}  // namespace sparkctl::connect
