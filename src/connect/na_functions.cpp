// df.na(): the NAFill, NADrop and NAReplace relations.
#include "sparkctl/connect/na_functions.hpp"

#include "plan.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

// Spark fills with long, double, string or boolean values: other integers
// and floats are widened, as PySpark's fillna does.
proto::Expression::Literal fill_value(const ColumnOrLiteral& value) {
  proto::Expression::Literal literal = literal_of(value.column(), "na().fill()");
  switch (literal.literal_type_case()) {
    case proto::Expression::Literal::kByte:
      literal.set_long_(literal.byte());
      break;
    case proto::Expression::Literal::kShort:
      literal.set_long_(literal.short_());
      break;
    case proto::Expression::Literal::kInteger:
      literal.set_long_(literal.integer());
      break;
    case proto::Expression::Literal::kFloat:
      literal.set_double_(literal.float_());
      break;
    default:
      break;
  }
  return literal;
}

}  // namespace

DataFrame DataFrameNaFunctions::fill(const ColumnOrLiteral& value,
                                     const std::vector<std::string>& subset) const {
  return derived(df_.client(), [&](proto::Relation& r) {
    auto* f = r.mutable_fill_na();
    *f->mutable_input() = df_.relation();
    for (const auto& c : subset) f->add_cols(c);
    *f->add_values() = fill_value(value);
  });
}

DataFrame DataFrameNaFunctions::fill(const std::map<std::string, ColumnOrLiteral>& values) const {
  if (values.empty()) throw Error::job("na().fill() needs at least one column and value");
  return derived(df_.client(), [&](proto::Relation& r) {
    auto* f = r.mutable_fill_na();
    *f->mutable_input() = df_.relation();
    for (const auto& [column, value] : values) {
      f->add_cols(column);
      *f->add_values() = fill_value(value);
    }
  });
}

DataFrame DataFrameNaFunctions::drop(NaHow how, const std::vector<std::string>& subset) const {
  return derived(df_.client(), [&](proto::Relation& r) {
    auto* d = r.mutable_drop_na();
    *d->mutable_input() = df_.relation();
    for (const auto& c : subset) d->add_cols(c);
    // Unset is "any"; "all" keeps rows with at least one value.
    if (how == NaHow::all) d->set_min_non_nulls(1);
  });
}

DataFrame DataFrameNaFunctions::drop(int min_non_nulls,
                                     const std::vector<std::string>& subset) const {
  if (min_non_nulls < 1) throw Error::job("na().drop(): min_non_nulls must be at least 1");
  return derived(df_.client(), [&](proto::Relation& r) {
    auto* d = r.mutable_drop_na();
    *d->mutable_input() = df_.relation();
    for (const auto& c : subset) d->add_cols(c);
    d->set_min_non_nulls(min_non_nulls);
  });
}

DataFrame DataFrameNaFunctions::replace(const ColumnOrLiteral& old_value,
                                        const ColumnOrLiteral& new_value,
                                        const std::vector<std::string>& subset) const {
  return replace({{old_value, new_value}}, subset);
}

DataFrame DataFrameNaFunctions::replace(
    const std::vector<std::pair<ColumnOrLiteral, ColumnOrLiteral>>& replacements,
    const std::vector<std::string>& subset) const {
  if (replacements.empty()) throw Error::job("na().replace() needs at least one replacement");
  return derived(df_.client(), [&](proto::Relation& r) {
    auto* n = r.mutable_replace();
    *n->mutable_input() = df_.relation();
    for (const auto& c : subset) n->add_cols(c);
    for (const auto& [from, to] : replacements) {
      auto* replacement = n->add_replacements();
      *replacement->mutable_old_value() = literal_of(from.column(), "na().replace()");
      *replacement->mutable_new_value() = literal_of(to.column(), "na().replace()");
    }
  });
}

}  // namespace sparkctl::connect
