// CSV as RFC 4180 quotes it: a header of column names, one line per row,
// fields with a comma, quote or line break in double quotes (quotes
// doubled). NULL is an empty field, the empty string is "". Values are
// the text Spark's show() prints (1.0E10, [CA FE], [1, 2], {a -> 1}).
#include <algorithm>

#include "format_writers.hpp"
#include "slot_text.hpp"

namespace sparkctl::connect::results {
namespace {

bool needs_quotes(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; });
}

void append_field(std::string& out, std::string_view s) {
  if (!s.empty() && !needs_quotes(s)) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// Whether a column's text can never hold a comma, quote or line break.
bool plain_text(const Column& c) {
  using arrow::detail::Physical;
  switch (c.physical) {
    case Physical::boolean:
    case Physical::integer:
    case Physical::floating:
    case Physical::decimal:
    case Physical::date:
    case Physical::timestamp:
    case Physical::time:
      return true;
    default:
      return false;
  }
}

class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::ostream& out) : output_(out) {}

  void begin(const ResultSchema& schema) override {
    if (schema.columns.empty()) return;
    std::string& out = output_.buffer();
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (c != 0) out += ',';
      append_field(out, schema.columns[c].field.name);
      plain_.push_back(plain_text(schema.columns[c]));
      text_.push_back(schema.columns[c].field.type == arrow::Type::utf8 &&
                      schema.columns[c].children.empty());
    }
    out += '\n';
  }

  void write(const IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    if (columns.empty()) return;
    std::string& out = output_.buffer();
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      for (size_t c = 0; c < columns.size(); ++c) {
        if (c != 0) out += ',';
        const ArrayView& a = columns[c];
        if (!a.valid(r)) continue;
        if (text_[c]) {
          append_field(out, a.bytes(r));
        } else if (plain_[c]) {
          slots_.append_text(out, a, r);
        } else {
          cell_.clear();
          slots_.append_text(cell_, a, r);
          append_field(out, cell_);
        }
      }
      out += '\n';
      output_.maybe_flush();
    }
  }

  void end() override { output_.flush(); }

 private:
  OutputBuffer output_;
  SlotText slots_;
  std::vector<bool> plain_;  // per column: text that never needs quotes
  std::vector<bool> text_;   // per column: a string column, written straight from its bytes
  std::string cell_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_csv_writer(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace sparkctl::connect::results
