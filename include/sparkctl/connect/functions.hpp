// Column constructors and Spark SQL functions, in the spirit of
// pyspark.sql.functions. All are resolved by the server.
#pragma once

#include <cstdint>
#include <string>

#include "sparkctl/connect/column.hpp"

namespace sparkctl::connect::functions {

Column col(const std::string& name);  // "a", "t.a", "*"
Column expr(const std::string& sql);  // a SQL expression: "x * 2 AS y"

Column lit(int value);                 // INT
Column lit(long value);                // BIGINT
Column lit(long long value);           // BIGINT
Column lit(double value);              // DOUBLE
Column lit(bool value);                // BOOLEAN
Column lit(const char* value);         // STRING
Column lit(const std::string& value);  // STRING

Column rand(std::int64_t seed);   // uniform in [0, 1)
Column randn(std::int64_t seed);  // standard normal

Column when(const Column& condition, const Column& value);

Column sum(const Column& c);
Column count(const Column& c);  // non-null values; count(lit(1)) counts rows
Column count_distinct(const Column& c);
Column avg(const Column& c);
Column min(const Column& c);
Column max(const Column& c);
Column sqrt(const Column& c);
Column abs(const Column& c);

}  // namespace sparkctl::connect::functions
