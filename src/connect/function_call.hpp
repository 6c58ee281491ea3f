// How the generated functions (generated_functions.cpp) turn their typed
// parameters into the arguments of one UnresolvedFunction, in order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sparkctl/connect/function_args.hpp"
#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect::detail {

using Arguments = std::vector<Column>;

inline void append(Arguments& out, const Column& v) { out.push_back(v); }
inline void append(Arguments& out, const ColumnOrName& v) { out.push_back(v.column()); }
inline void append(Arguments& out, const ColumnOrLiteral& v) { out.push_back(v.column()); }
template <typename T>
void append(Arguments& out, const ColumnOr<T>& v) {
  out.push_back(v.column());
}
template <typename T>
void append(Arguments& out, const ColumnOrNameOr<T>& v) {
  out.push_back(v.column());
}
inline void append(Arguments& out, std::int64_t v) { out.push_back(python_int(v)); }
inline void append(Arguments& out, double v) { out.push_back(functions::lit(v)); }
inline void append(Arguments& out, bool v) { out.push_back(functions::lit(v)); }
inline void append(Arguments& out, const std::string& v) { out.push_back(functions::lit(v)); }
// Schemas travel as their DDL string, which from_json and friends parse.
inline void append(Arguments& out, const DataType& v) { out.push_back(functions::lit(v.sql())); }
// Options as PySpark sends them: map(key1, value1, key2, value2, ...).
void append(Arguments& out, const std::map<std::string, std::string>& options);
// A list of numbers as one array argument (percentile's percentages).
void append(Arguments& out, const std::vector<double>& values);
// Variadic parameters: each element is one argument.
template <typename T>
void append(Arguments& out, const std::vector<T>& values) {
  for (const auto& v : values) append(out, v);
}
// Lambdas become LambdaFunction expressions over fresh variable names.
void append(Arguments& out, const Lambda1& f);
void append(Arguments& out, const Lambda2& f);
void append(Arguments& out, const Lambda3& f);

// The call: an UnresolvedFunction named `name` (count("*") counts rows).
Column finish_call(const char* name, bool distinct, Arguments arguments);

template <typename... Args>
Column call(const char* name, bool distinct, const Args&... args) {
  Arguments arguments;
  (append(arguments, args), ...);
  return finish_call(name, distinct, std::move(arguments));
}

}  // namespace sparkctl::connect::detail
