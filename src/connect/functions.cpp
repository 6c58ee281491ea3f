// The functions of pyspark.sql.functions that are not server functions
// (the others are generated: scripts/spark-functions.py).
#include "sparkctl/connect/functions.hpp"

#include "spark/connect/expressions.pb.h"

namespace sparkctl::connect::functions {

using spark::connect::Expression;

Column col(const std::string& name) {
  auto e = std::make_shared<Expression>();
  const bool qualified_star = name.size() > 2 && name.compare(name.size() - 2, 2, ".*") == 0;
  if (name == "*") {
    e->mutable_unresolved_star();
  } else if (qualified_star) {
    e->mutable_unresolved_star()->set_unparsed_target(name);
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

Column when(const Column& condition, const ColumnOrLiteral& value) {
  return connect::call_function("when", {condition, value.column()});
}

Column asc(const ColumnOrName& column) { return column.column().asc(); }
Column asc_nulls_first(const ColumnOrName& column) { return column.column().asc_nulls_first(); }
Column asc_nulls_last(const ColumnOrName& column) { return column.column().asc_nulls_last(); }
Column desc(const ColumnOrName& column) { return column.column().desc(); }
Column desc_nulls_first(const ColumnOrName& column) { return column.column().desc_nulls_first(); }
Column desc_nulls_last(const ColumnOrName& column) { return column.column().desc_nulls_last(); }

}  // namespace sparkctl::connect::functions
