// WindowSpec and Column::over: the Window expression of Spark Connect.
#include "sparkctl/connect/window.hpp"

#include "spark/connect/expressions.pb.h"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

using spark::connect::Expression;
using Boundary = Expression::Window::WindowFrame::FrameBoundary;

// Sort orders as they are; anything else ascending, as PySpark's orderBy.
Column sort_order(const Column& c) { return c.expression().has_sort_order() ? c : c.asc(); }

void set_boundary(Boundary& b, std::int64_t value) {
  if (value == Window::unbounded_preceding || value == Window::unbounded_following) {
    b.set_unbounded(true);
  } else if (value == Window::current_row) {
    b.set_current_row(true);
  } else {
    *b.mutable_value() = functions::lit(static_cast<long long>(value)).expression();
  }
}

WindowSpec::Frame checked_frame(bool rows, std::int64_t start, std::int64_t end) {
  if (start > end || start == Window::unbounded_following || end == Window::unbounded_preceding) {
    throw Error::job(std::string(rows ? "rows_between" : "range_between") +
                     "(): the frame must start before it ends");
  }
  return {rows, start, end};
}

}  // namespace

WindowSpec WindowSpec::partition_by(const std::vector<ColumnOrName>& columns) const {
  WindowSpec out = *this;
  out.partitions_.clear();
  for (const auto& c : columns) out.partitions_.push_back(c.column());
  return out;
}

WindowSpec WindowSpec::order_by(const std::vector<ColumnOrName>& columns) const {
  WindowSpec out = *this;
  out.orders_.clear();
  for (const auto& c : columns) out.orders_.push_back(sort_order(c.column()));
  return out;
}

WindowSpec WindowSpec::rows_between(std::int64_t start, std::int64_t end) const {
  WindowSpec out = *this;
  out.frame_ = checked_frame(true, start, end);
  return out;
}

WindowSpec WindowSpec::range_between(std::int64_t start, std::int64_t end) const {
  WindowSpec out = *this;
  out.frame_ = checked_frame(false, start, end);
  return out;
}

Column Column::over(const WindowSpec& window) const {
  auto e = std::make_shared<Expression>();
  auto* w = e->mutable_window();
  *w->mutable_window_function() = *expression_;
  for (const auto& p : window.partitions()) *w->add_partition_spec() = p.expression();
  for (const auto& o : window.orders()) *w->add_order_spec() = o.expression().sort_order();
  if (const auto& frame = window.frame()) {
    auto* f = w->mutable_frame_spec();
    f->set_frame_type(frame->rows ? Expression::Window::WindowFrame::FRAME_TYPE_ROW
                                  : Expression::Window::WindowFrame::FRAME_TYPE_RANGE);
    set_boundary(*f->mutable_lower(), frame->start);
    set_boundary(*f->mutable_upper(), frame->end);
  }
  return Column(std::move(e));
}

Column Column::over() const { return over(WindowSpec()); }

}  // namespace sparkctl::connect
