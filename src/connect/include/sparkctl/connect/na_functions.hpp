// Missing values, as pyspark's df.na: fill, drop and replace NULLs (and NaN).
//
//   df.na().fill(0, {"age"}).na().fill("unknown", {"embarked"})
//   df.na().drop()                           // rows with any NULL
//   df.na().replace("male", "m", {"sex"})
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/dataframe.hpp"

namespace sparkctl::connect {

enum class NaHow {
  any,  // drop a row with a NULL or NaN in any of the columns
  all,  // drop a row only when all of them are NULL or NaN
};

class DataFrameNaFunctions {
 public:
  explicit DataFrameNaFunctions(DataFrame df) : df_(std::move(df)) {}

  // NULLs in `subset` (every column of a matching type when empty) become
  // `value`, a number, bool or string literal.
  DataFrame fill(const ColumnOrLiteral& value, const std::vector<std::string>& subset = {}) const;
  // A value per column.
  DataFrame fill(const std::map<std::string, ColumnOrLiteral>& values) const;

  DataFrame drop(NaHow how = NaHow::any, const std::vector<std::string>& subset = {}) const;
  // Keeps rows with at least `min_non_nulls` values that are neither NULL nor NaN.
  DataFrame drop(int min_non_nulls, const std::vector<std::string>& subset = {}) const;

  // Values equal to `old_value` become `new_value` (literals of one type).
  DataFrame replace(const ColumnOrLiteral& old_value, const ColumnOrLiteral& new_value,
                    const std::vector<std::string>& subset = {}) const;
  DataFrame replace(const std::vector<std::pair<ColumnOrLiteral, ColumnOrLiteral>>& replacements,
                    const std::vector<std::string>& subset = {}) const;

 private:
  DataFrame df_;
};

}  // namespace sparkctl::connect
