// CSV as RFC 4180 quotes it: a header of column names, one line per row,
// fields with a comma, quote or line break in double quotes (quotes
// doubled). NULL is an empty field, the empty string is "". Values are
// the text Spark's show() prints (1.0E10, [CA FE], [1, 2], {a -> 1}).
#include <algorithm>
#include <cstring>

#include "../values/spark_text.hpp"
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

// How a column's cells are written: the common types straight from the
// Arrow buffers into the output, the rest through Spark's show() text.
enum class CellKind : uint8_t { int64, int32, float64, text, plain, other };

CellKind cell_kind(const Column& c) {
  using arrow::detail::Physical;
  const bool nested = !c.children.empty();
  switch (c.physical) {
    case Physical::integer:
      if (c.is_signed && c.bit_width == 64) return CellKind::int64;
      if (c.is_signed && c.bit_width == 32) return CellKind::int32;
      return CellKind::plain;
    case Physical::floating:
      return c.bit_width == 64 ? CellKind::float64 : CellKind::plain;
    case Physical::boolean:
    case Physical::decimal:
    case Physical::date:
    case Physical::timestamp:
    case Physical::time:
      return CellKind::plain;  // text that never holds a comma, quote or line break
    default:
      return c.field.type == arrow::Type::utf8 && !nested ? CellKind::text : CellKind::other;
  }
}

// The CSV goes into a buffer of its own, written out in large blocks; each
// cell first makes sure of its room, so the numbers are written in place.
class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::ostream& out) : output_(out), block_(block_bytes + slack_bytes, '\0') {}

  void begin(const ResultSchema& schema) override {
    if (schema.columns.empty()) return;
    std::string header;
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (c != 0) header += ',';
      append_field(header, schema.columns[c].field.name);
      kinds_.push_back(cell_kind(schema.columns[c]));
    }
    header += '\n';
    put(header);
  }

  void write(const IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    if (columns.empty()) return;
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      for (size_t c = 0; c < columns.size(); ++c) {
        room(slack_bytes);
        if (c != 0) *at_++ = ',';
        const ArrayView& a = columns[c];
        if (!a.valid(r)) continue;
        switch (kinds_[c]) {
          case CellKind::int64:
            at_ = text::write_int(at_, a.fixed<int64_t>(r));
            break;
          case CellKind::int32:
            at_ = text::write_int(at_, a.fixed<int32_t>(r));
            break;
          case CellKind::float64:
            at_ = text::write_double(at_, a.fixed<double>(r));
            break;
          case CellKind::text:
            put_field(a.bytes(r));
            break;
          case CellKind::plain:
            cell_.clear();
            slots_.append_text(cell_, a, r);
            put(cell_);
            break;
          case CellKind::other:
            cell_.clear();
            slots_.append_text(cell_, a, r);
            put_field(cell_);
            break;
        }
      }
      room(1);
      *at_++ = '\n';
      if (used() >= block_bytes) drain();
    }
  }

  void end() override {
    drain();
    output_.flush();
  }

 private:
  // A block is written out once it holds this much; every number fits in
  // the slack behind it.
  static constexpr size_t block_bytes = 256 * 1024;
  static constexpr size_t slack_bytes = 64;

  size_t used() const { return static_cast<size_t>(at_ - block_.data()); }
  void drain() {
    output_.write_through({block_.data(), used()});
    at_ = block_.data();
  }
  // Makes room for `bytes` more: writes the block out, grows it for a cell
  // larger than a block.
  void room(size_t bytes) {
    if (used() + bytes <= block_.size()) return;
    drain();
    if (bytes > block_.size()) {
      block_.resize(bytes);
      at_ = block_.data();
    }
  }
  void put(std::string_view s) {
    room(s.size());
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  void put_field(std::string_view s) {
    if (!s.empty() && !needs_quotes(s)) return put(s);
    room(2 * s.size() + 2);
    *at_++ = '"';
    for (char c : s) {
      if (c == '"') *at_++ = '"';
      *at_++ = c;
    }
    *at_++ = '"';
  }

  OutputBuffer output_;  // header and blocks go out through it, in order
  std::string block_;
  char* at_ = block_.data();
  SlotText slots_;
  std::vector<CellKind> kinds_;  // per column
  std::string cell_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_csv_writer(std::ostream& out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace sparkctl::connect::results
