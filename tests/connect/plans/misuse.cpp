// Compiled, not run: each MISUSE case is a mistake the API rejects at
// compile time (tests/connect/plans/CMakeLists.txt expects each to fail);
// MISUSE=0 holds the correct spellings and must compile.
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/session.hpp"

using namespace sparkctl::connect;
using namespace sparkctl::connect::functions;

void uses(const Session& spark, const DataFrame& df) {
#if MISUSE == 0
  // Braces that could mean more than one overload must pick one.
  (void)spark.sql("SELECT ?", {18});
  (void)spark.sql("SELECT :a", {{"a", 1}});
  (void)spark.sql("SELECT ?, ?", {18, "female"});
  (void)df.join(df, {"a", "b"});
  (void)df.select({"a", col("b")});
  (void)round(col("x"), 2);
  (void)round("x", col("n"));
  (void)date_add("d", 1);
  (void)concat("a", col("b"), lit(1));
  (void)(col("sex") == "female");
  (void)transform("xs", [](const Column& x) { return x + 1; });
  (void)df.join(df, "id", JoinType::left);
  (void)df.select("a", col("b")).group_by("a").agg(sum("b"));
#elif MISUSE == 1
  (void)round(2, col("x"));  // a literal where a column is expected
#elif MISUSE == 2
  (void)round(col("x"), "2");  // a string where an integer is expected
#elif MISUSE == 3
  (void)date_add("d", 1.5);  // a fractional number of days
#elif MISUSE == 4
  (void)df.join(df, "id", "left");  // join types are JoinType values
#elif MISUSE == 5
  Column c = true;  // a bool literal is lit(true)
#elif MISUSE == 6
  (void)upper(col("x"), col("y"));  // upper takes one column
#elif MISUSE == 7
  (void)concat("a", 1.5);  // 1.5 is neither a column nor a name
#elif MISUSE == 8
  (void)transform("xs", [](const Column& x) { return true; });  // a lambda must return a Column
#elif MISUSE == 9
  (void)df.select("a", 1);  // select takes columns and names
#endif
}
