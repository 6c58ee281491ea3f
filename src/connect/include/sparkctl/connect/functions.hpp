// Spark SQL functions, as pyspark.sql.functions: `using namespace
// sparkctl::connect::functions;` then col("x"), upper("name"),
// round(col("fare"), 2), count("*"), when(...).otherwise(...).
//
// Every function of pyspark.sql.functions that Spark resolves by name is
// generated at build time from the installed pyspark
// (scripts/spark-functions.py -> generated_functions.hpp in the build tree),
// with PySpark's parameter kinds as C++ types (function_args.hpp). Names
// are PySpark's; a name that is a C++ keyword has a trailing underscore
// (struct_, char_). The few below are written by hand because they are not
// server functions. call_function() reaches any function by name.
#pragma once

#include <cstdint>
#include <string>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/function_args.hpp"
#include "sparkctl/connect/generated_functions.hpp"

namespace sparkctl::connect::functions {

Column col(const std::string& name);  // "a", "t.a", "*", "t.*"
inline Column column(const std::string& name) { return col(name); }
Column expr(const std::string& sql);  // a SQL expression: "x * 2"

// CASE WHEN: when(cond, value).when(cond2, value2).otherwise(other).
Column when(const Column& condition, const ColumnOrLiteral& value);

// Sort orders for order_by and windows: asc("x") is col("x").asc().
Column asc(const ColumnOrName& column);
Column asc_nulls_first(const ColumnOrName& column);
Column asc_nulls_last(const ColumnOrName& column);
Column desc(const ColumnOrName& column);
Column desc_nulls_first(const ColumnOrName& column);
Column desc_nulls_last(const ColumnOrName& column);

// Any Spark function by name: call_function("my_udf", "a", lit(1)).
template <typename... Values,
          typename = std::enable_if_t<(std::is_convertible_v<const Values&, ColumnOrName> && ...)>>
Column call_function(const std::string& name, const Values&... arguments) {
  return connect::call_function(name, {ColumnOrName(arguments).column()...});
}

}  // namespace sparkctl::connect::functions
