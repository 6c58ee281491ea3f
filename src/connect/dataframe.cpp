#include "sparkctl/connect/dataframe.hpp"

#include <iostream>

#include "plan.hpp"
#include "sparkctl/connect/dataframe_writer.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/result_stream.hpp"
#include "sparkctl/connect/show.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

GroupedData::GroupedData(std::shared_ptr<Client> client,
                         std::shared_ptr<const proto::Relation> input, std::vector<Column> keys)
    : client_(std::move(client)), input_(std::move(input)), keys_(std::move(keys)) {}

DataFrame GroupedData::agg(const std::vector<Column>& aggregates) const {
  if (aggregates.empty()) throw Error::usage("agg() needs at least one aggregate column");
  auto r = new_relation(*client_);
  auto* a = r->mutable_aggregate();
  *a->mutable_input() = *input_;
  a->set_group_type(proto::Aggregate::GROUP_TYPE_GROUPBY);
  for (const Column& k : keys_) *a->add_grouping_expressions() = k.expression();
  for (const Column& c : aggregates) *a->add_aggregate_expressions() = c.expression();
  return DataFrame(client_, std::move(r));
}

DataFrame GroupedData::count() const {
  return agg({functions::count(functions::lit(1)).alias("count")});
}

DataFrame::DataFrame(std::shared_ptr<Client> client,
                     std::shared_ptr<const proto::Relation> relation)
    : client_(std::move(client)), relation_(std::move(relation)) {}

DataFrame DataFrame::select(const std::vector<Column>& columns) const {
  auto r = new_relation(*client_);
  *r->mutable_project()->mutable_input() = *relation_;
  for (const Column& c : columns) *r->mutable_project()->add_expressions() = c.expression();
  return DataFrame(client_, std::move(r));
}

DataFrame DataFrame::select(const std::vector<std::string>& column_names) const {
  std::vector<Column> columns;
  for (const auto& name : column_names) columns.push_back(functions::col(name));
  return select(columns);
}

DataFrame DataFrame::with_column(const std::string& name, const Column& value) const {
  auto r = new_relation(*client_);
  auto* w = r->mutable_with_columns();
  *w->mutable_input() = *relation_;
  auto* alias = w->add_aliases();
  *alias->mutable_expr() = value.expression();
  alias->add_name(name);
  return DataFrame(client_, std::move(r));
}

DataFrame DataFrame::filter(const Column& condition) const {
  auto r = new_relation(*client_);
  *r->mutable_filter()->mutable_input() = *relation_;
  *r->mutable_filter()->mutable_condition() = condition.expression();
  return DataFrame(client_, std::move(r));
}

GroupedData DataFrame::group_by(const std::vector<Column>& keys) const {
  return GroupedData(client_, relation_, keys);
}

DataFrame DataFrame::agg(const std::vector<Column>& aggregates) const {
  return group_by().agg(aggregates);
}

DataFrame DataFrame::limit(int n) const {
  if (n < 0) throw Error::usage("limit() needs a non-negative row count");
  auto r = new_relation(*client_);
  *r->mutable_limit()->mutable_input() = *relation_;
  r->mutable_limit()->set_limit(n);
  return DataFrame(client_, std::move(r));
}

DataFrame DataFrame::order_by(const std::vector<Column>& order) const {
  auto r = new_relation(*client_);
  auto* s = r->mutable_sort();
  *s->mutable_input() = *relation_;
  s->set_is_global(true);
  for (const Column& c : order) {
    auto* o = s->add_order();
    if (c.expression().has_sort_order()) {
      *o = c.expression().sort_order();
    } else {
      *o = c.asc().expression().sort_order();
    }
  }
  return DataFrame(client_, std::move(r));
}

DataFrame DataFrame::describe(const std::vector<std::string>& columns) const {
  auto r = new_relation(*client_);
  *r->mutable_describe()->mutable_input() = *relation_;
  for (const auto& c : columns) r->mutable_describe()->add_cols(c);
  return DataFrame(client_, std::move(r));
}

DataFrame DataFrame::summary(const std::vector<std::string>& statistics) const {
  auto r = new_relation(*client_);
  *r->mutable_summary()->mutable_input() = *relation_;
  for (const auto& s : statistics) r->mutable_summary()->add_statistics(s);
  return DataFrame(client_, std::move(r));
}

Rows DataFrame::collect() const { return collect_result(*client_, *relation_); }

std::int64_t DataFrame::count() const {
  const Rows t = agg({functions::count(functions::lit(1))}).collect();
  if (t.size() != 1 || t[0].size() != 1 || t[0][0].kind() != Value::Kind::integer) {
    throw Error::job("count(): the Spark server returned an unexpected result");
  }
  return t[0][0].as_long();
}

void DataFrame::show(int n, std::ostream& out, bool truncate) const {
  // One extra row tells whether to print the "only showing" footer.
  const Rows t = limit(n + 1).collect();
  print_show(t, n, t.size() > static_cast<size_t>(n), truncate, out);
}

void DataFrame::show(int n) const { show(n, std::cout); }

StructType DataFrame::schema() const {
  proto::AnalyzePlanRequest request;
  *request.mutable_schema()->mutable_plan()->mutable_root() = *relation_;
  const DataType type =
      DataType::from_proto(client_->analyze(std::move(request)).schema().schema());
  // Spark answers with a struct for every relation; anything else is one value column.
  return type.kind() == DataType::Kind::struct_ ? type.as_struct() : StructType({{"value", type}});
}

DataFrameWriter DataFrame::write() const { return DataFrameWriter(client_, relation_); }

}  // namespace sparkctl::connect
