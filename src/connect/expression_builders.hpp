// Small builders shared by the files that make Expressions (columns,
// literals, function calls, windows).
#pragma once

#include <memory>
#include <utility>

#include "spark/connect/expressions.pb.h"
#include "sparkctl/connect/column.hpp"

namespace sparkctl::connect {

// A literal column whose value `set` writes into the Literal message.
template <typename Set>
Column literal_column(Set set) {
  auto e = std::make_shared<spark::connect::Expression>();
  set(*e->mutable_literal());
  return Column(std::move(e));
}

}  // namespace sparkctl::connect
