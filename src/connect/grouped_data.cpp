// GroupedData: the Aggregate relation, as PySpark's Connect client builds it.
#include "sparkctl/connect/grouped_data.hpp"

#include "plan.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

proto::Aggregate::GroupType group_type(GroupedData::Kind kind) {
  switch (kind) {
    case GroupedData::Kind::rollup:
      return proto::Aggregate::GROUP_TYPE_ROLLUP;
    case GroupedData::Kind::cube:
      return proto::Aggregate::GROUP_TYPE_CUBE;
    case GroupedData::Kind::group_by:
      break;
  }
  return proto::Aggregate::GROUP_TYPE_GROUPBY;
}

}  // namespace

GroupedData::GroupedData(std::shared_ptr<Client> client,
                         std::shared_ptr<const proto::Relation> input, Kind kind,
                         std::vector<Column> keys)
    : client_(std::move(client)), input_(std::move(input)), kind_(kind), keys_(std::move(keys)) {}

DataFrame GroupedData::agg(const std::vector<Column>& aggregates) const {
  if (aggregates.empty()) throw Error::job("agg() needs at least one aggregate column");
  return derived(client_, [&](proto::Relation& r) {
    auto* a = r.mutable_aggregate();
    *a->mutable_input() = *input_;
    a->set_group_type(pivot_ ? proto::Aggregate::GROUP_TYPE_PIVOT : group_type(kind_));
    for (const Column& k : keys_) *a->add_grouping_expressions() = k.expression();
    for (const Column& c : aggregates) *a->add_aggregate_expressions() = c.expression();
    if (pivot_) {
      *a->mutable_pivot()->mutable_col() = pivot_->column.expression();
      for (const Column& v : pivot_->values) {
        *a->mutable_pivot()->add_values() = literal_of(v, "pivot()");
      }
    }
  });
}

DataFrame GroupedData::count() const {
  return agg({functions::count(functions::lit(1)).alias("count")});
}

DataFrame GroupedData::numeric_aggregate(const char* function,
                                         const std::vector<std::string>& columns) const {
  std::vector<std::string> names = columns;
  if (names.empty()) {
    // Every numeric column, as PySpark does: the input's schema says which.
    const StructType schema = DataFrame(client_, input_).schema();
    for (const auto& f : schema) {
      if (f.data_type.is_numeric()) names.push_back(f.name);
    }
  }
  std::vector<Column> aggregates;
  for (const auto& n : names) aggregates.push_back(call_function(function, {functions::col(n)}));
  return agg(aggregates);
}

DataFrame GroupedData::sum(const std::vector<std::string>& columns) const {
  return numeric_aggregate("sum", columns);
}
DataFrame GroupedData::avg(const std::vector<std::string>& columns) const {
  return numeric_aggregate("avg", columns);
}
DataFrame GroupedData::min(const std::vector<std::string>& columns) const {
  return numeric_aggregate("min", columns);
}
DataFrame GroupedData::max(const std::vector<std::string>& columns) const {
  return numeric_aggregate("max", columns);
}

GroupedData GroupedData::pivot(const std::string& column) const { return pivot(column, {}); }

GroupedData GroupedData::pivot(const std::string& column,
                               const std::vector<ColumnOrLiteral>& values) const {
  if (kind_ != Kind::group_by || pivot_) {
    throw Error::job("pivot() can only follow group_by(), once");
  }
  GroupedData out = *this;
  std::vector<Column> literals;
  for (const auto& v : values) {
    literal_of(v.column(), "pivot()");
    literals.push_back(v.column());
  }
  out.pivot_ = Pivot{functions::col(column), std::move(literals)};
  return out;
}

}  // namespace sparkctl::connect
