// DataFrame transformations that take one input: each builds the relation
// PySpark's Connect client builds for the same call.
#include "sparkctl/connect/dataframe.hpp"

#include "plan.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

std::vector<Column> to_columns(const std::vector<ColumnOrName>& in) {
  std::vector<Column> out;
  for (const auto& c : in) out.push_back(c.column());
  return out;
}

// Sort orders as they are; other columns and names ascending.
void add_sort_orders(proto::Sort& sort, const std::vector<ColumnOrName>& order) {
  for (const auto& c : order) {
    const Column& column = c.column();
    *sort.add_order() =
        (column.expression().has_sort_order() ? column : column.asc()).expression().sort_order();
  }
}

void require_non_negative(int n, const char* what) {
  if (n < 0) throw Error::job(std::string(what) + "() needs a non-negative row count");
}

void require_partitions(int n) {
  if (n < 1)
    throw Error::job("the number of partitions must be at least 1, got " + std::to_string(n));
}

}  // namespace

DataFrame::DataFrame(std::shared_ptr<Client> client,
                     std::shared_ptr<const proto::Relation> relation)
    : client_(std::move(client)), relation_(std::move(relation)) {}

DataFrame DataFrame::select(const std::vector<ColumnOrName>& selected) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_project()->mutable_input() = *relation_;
    for (const Column& c : to_columns(selected))
      *r.mutable_project()->add_expressions() = c.expression();
  });
}

DataFrame DataFrame::select_expr(const std::vector<std::string>& sql_expressions) const {
  std::vector<ColumnOrName> selected;
  for (const auto& e : sql_expressions) selected.emplace_back(functions::expr(e));
  return select(selected);
}

DataFrame DataFrame::with_column(const std::string& name, const Column& value) const {
  return with_columns({{name, value}});
}

DataFrame DataFrame::with_columns(
    const std::vector<std::pair<std::string, Column>>& new_columns) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* w = r.mutable_with_columns();
    *w->mutable_input() = *relation_;
    for (const auto& [name, value] : new_columns) {
      auto* alias = w->add_aliases();
      *alias->mutable_expr() = value.expression();
      alias->add_name(name);
    }
  });
}

DataFrame DataFrame::with_column_renamed(const std::string& existing,
                                         const std::string& new_name) const {
  return with_columns_renamed({{existing, new_name}});
}

DataFrame DataFrame::with_columns_renamed(const std::map<std::string, std::string>& renames) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* w = r.mutable_with_columns_renamed();
    *w->mutable_input() = *relation_;
    for (const auto& [from, to] : renames) {
      auto* rename = w->add_renames();
      rename->set_col_name(from);
      rename->set_new_col_name(to);
    }
  });
}

DataFrame DataFrame::to_df(const std::vector<std::string>& names) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_to_df()->mutable_input() = *relation_;
    for (const auto& n : names) r.mutable_to_df()->add_column_names(n);
  });
}

DataFrame DataFrame::drop(const std::vector<ColumnOrName>& dropped) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* d = r.mutable_drop();
    *d->mutable_input() = *relation_;
    for (const auto& c : dropped) {
      // A name is dropped by name (no error when absent, as in PySpark).
      const auto& e = c.column().expression();
      if (e.has_unresolved_attribute() && !e.unresolved_attribute().has_plan_id()) {
        d->add_column_names(e.unresolved_attribute().unparsed_identifier());
      } else {
        *d->add_columns() = e;
      }
    }
  });
}

Column DataFrame::col(const std::string& name) const {
  Column c = functions::col(name);
  auto e = std::make_shared<proto::Expression>(c.expression());
  if (e->has_unresolved_attribute()) {
    e->mutable_unresolved_attribute()->set_plan_id(relation_->common().plan_id());
  } else {
    e->mutable_unresolved_star()->set_plan_id(relation_->common().plan_id());
  }
  return Column(std::move(e));
}

DataFrame DataFrame::alias(const std::string& name) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_subquery_alias()->mutable_input() = *relation_;
    r.mutable_subquery_alias()->set_alias(name);
  });
}

DataFrame DataFrame::filter(const Column& condition) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_filter()->mutable_input() = *relation_;
    *r.mutable_filter()->mutable_condition() = condition.expression();
  });
}

DataFrame DataFrame::filter(const std::string& sql_condition) const {
  return filter(functions::expr(sql_condition));
}

DataFrame DataFrame::distinct() const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_deduplicate()->mutable_input() = *relation_;
    r.mutable_deduplicate()->set_all_columns_as_keys(true);
  });
}

DataFrame DataFrame::drop_duplicates(const std::vector<std::string>& subset) const {
  if (subset.empty()) return distinct();
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_deduplicate()->mutable_input() = *relation_;
    for (const auto& c : subset) r.mutable_deduplicate()->add_column_names(c);
  });
}

DataFrame DataFrame::order_by(const std::vector<ColumnOrName>& order) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_sort()->mutable_input() = *relation_;
    r.mutable_sort()->set_is_global(true);
    add_sort_orders(*r.mutable_sort(), order);
  });
}

DataFrame DataFrame::sort_within_partitions(const std::vector<ColumnOrName>& order) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_sort()->mutable_input() = *relation_;
    r.mutable_sort()->set_is_global(false);
    add_sort_orders(*r.mutable_sort(), order);
  });
}

DataFrame DataFrame::limit(int n) const {
  require_non_negative(n, "limit");
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_limit()->mutable_input() = *relation_;
    r.mutable_limit()->set_limit(n);
  });
}

DataFrame DataFrame::offset(int n) const {
  require_non_negative(n, "offset");
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_offset()->mutable_input() = *relation_;
    r.mutable_offset()->set_offset(n);
  });
}

DataFrame DataFrame::sample(double fraction, std::optional<std::int64_t> seed,
                            bool with_replacement) const {
  if (fraction < 0 || (!with_replacement && fraction > 1)) {
    throw Error::job("sample(): the fraction must be in [0, 1] (or >= 0 with replacement), got " +
                     std::to_string(fraction));
  }
  return derived(client_, [&](proto::Relation& r) {
    auto* s = r.mutable_sample();
    *s->mutable_input() = *relation_;
    s->set_lower_bound(0);
    s->set_upper_bound(fraction);
    s->set_with_replacement(with_replacement);
    if (seed) s->set_seed(*seed);
  });
}

DataFrame DataFrame::repartition(int num_partitions) const {
  require_partitions(num_partitions);
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_repartition()->mutable_input() = *relation_;
    r.mutable_repartition()->set_num_partitions(num_partitions);
    r.mutable_repartition()->set_shuffle(true);
  });
}

DataFrame DataFrame::coalesce(int num_partitions) const {
  require_partitions(num_partitions);
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_repartition()->mutable_input() = *relation_;
    r.mutable_repartition()->set_num_partitions(num_partitions);
    r.mutable_repartition()->set_shuffle(false);
  });
}

DataFrame DataFrame::repartition(int num_partitions,
                                 const std::vector<ColumnOrName>& partition_columns) const {
  require_partitions(num_partitions);
  return derived(client_, [&](proto::Relation& r) {
    auto* p = r.mutable_repartition_by_expression();
    *p->mutable_input() = *relation_;
    p->set_num_partitions(num_partitions);
    for (const Column& c : to_columns(partition_columns))
      *p->add_partition_exprs() = c.expression();
  });
}

DataFrame DataFrame::repartition(const std::vector<ColumnOrName>& partition_columns) const {
  if (partition_columns.empty()) throw Error::job("repartition() needs columns or a number");
  return derived(client_, [&](proto::Relation& r) {
    auto* p = r.mutable_repartition_by_expression();
    *p->mutable_input() = *relation_;
    for (const Column& c : to_columns(partition_columns))
      *p->add_partition_exprs() = c.expression();
  });
}

DataFrame DataFrame::hint(const std::string& name,
                          const std::vector<ColumnOrLiteral>& parameters) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_hint()->mutable_input() = *relation_;
    r.mutable_hint()->set_name(name);
    for (const auto& p : parameters) *r.mutable_hint()->add_parameters() = p.column().expression();
  });
}

GroupedData DataFrame::group_by(const std::vector<ColumnOrName>& keys) const {
  return GroupedData(client_, relation_, GroupedData::Kind::group_by, to_columns(keys));
}

GroupedData DataFrame::rollup(const std::vector<ColumnOrName>& keys) const {
  return GroupedData(client_, relation_, GroupedData::Kind::rollup, to_columns(keys));
}

GroupedData DataFrame::cube(const std::vector<ColumnOrName>& keys) const {
  return GroupedData(client_, relation_, GroupedData::Kind::cube, to_columns(keys));
}

DataFrame DataFrame::agg(const std::vector<Column>& aggregates) const {
  return group_by().agg(aggregates);
}

DataFrame DataFrame::describe(const std::vector<std::string>& described) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_describe()->mutable_input() = *relation_;
    for (const auto& c : described) r.mutable_describe()->add_cols(c);
  });
}

DataFrame DataFrame::summary(const std::vector<std::string>& statistics) const {
  return derived(client_, [&](proto::Relation& r) {
    *r.mutable_summary()->mutable_input() = *relation_;
    for (const auto& s : statistics) r.mutable_summary()->add_statistics(s);
  });
}

DataFrameNaFunctions DataFrame::na() const { return DataFrameNaFunctions(*this); }

}  // namespace sparkctl::connect
