// The table as Spark's show(truncate = false) draws it, streamed: the
// first layout_rows rows (or all of a smaller result) are held back to
// size the columns, every later row is written as it arrives. A later
// value wider than its column is printed whole and pushes its line out.
#include "../show_layout.hpp"
#include "format_writers.hpp"
#include "slot_text.hpp"

namespace sparkctl::connect::results {
namespace {

class TableWriter : public ResultWriter {
 public:
  explicit TableWriter(std::ostream& out) : output_(out) {}

  void begin(const ResultSchema& schema) override {
    for (const Column& c : schema.columns) {
      header_.emplace_back();
      show::append_cell(header_.back(), c.field.name, false);
    }
  }

  void write(const IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    if (columns.empty()) return;
    std::vector<std::string> cells(columns.size());
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      for (size_t c = 0; c < columns.size(); ++c) {
        cells[c].clear();
        text_.clear();
        if (columns[c].valid(r)) {
          slots_.append_text(text_, columns[c], r);
          show::append_cell(cells[c], text_, false);
        } else {
          cells[c] = "NULL";
        }
      }
      if (widths_.empty()) {
        held_.push_back(cells);
        if (held_.size() >= layout_rows) lay_out();
      } else {
        show::append_line(output_.buffer(), cells, widths_, false);
        output_.maybe_flush();
      }
    }
  }

  void end() override {
    if (header_.empty()) return;  // a command's empty result: nothing to draw
    if (widths_.empty()) lay_out();
    show::append_rule(output_.buffer(), widths_);
    output_.flush();
  }

 private:
  static constexpr size_t layout_rows = 1000;

  void lay_out() {
    widths_ = show::widths_of(header_, held_);
    std::string& out = output_.buffer();
    show::append_rule(out, widths_);
    show::append_line(out, header_, widths_, false);
    show::append_rule(out, widths_);
    for (const auto& row : held_) {
      show::append_line(out, row, widths_, false);
      output_.maybe_flush();
    }
    held_.clear();
  }

  OutputBuffer output_;
  SlotText slots_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> held_;  // rows waiting for the layout
  std::vector<size_t> widths_;                  // empty until laid out
  std::string text_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_table_writer(std::ostream& out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace sparkctl::connect::results
