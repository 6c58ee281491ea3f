// JSON lines: one object per row, keys in column order, NULL as null;
// see SlotText::append_json for how each type is written.
#include "format_writers.hpp"
#include "slot_text.hpp"

namespace sparkctl::connect::results {
namespace {

class JsonWriter : public ResultWriter {
 public:
  explicit JsonWriter(std::ostream& out) : output_(out) {}

  void begin(const ResultSchema& schema) override {
    // `{"a":` and `,"b":`, escaped once for the whole result.
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      std::string key(c == 0 ? "{" : ",");
      append_json_string(key, schema.columns[c].field.name);
      keys_.push_back(key + ":");
    }
  }

  void write(const IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    std::string& out = output_.buffer();
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      if (columns.empty()) out += '{';
      for (size_t c = 0; c < columns.size(); ++c) {
        out += keys_[c];
        slots_.append_json(out, columns[c], r);
      }
      out += "}\n";
      output_.maybe_flush();
    }
  }

  void end() override { output_.flush(); }

 private:
  OutputBuffer output_;
  SlotText slots_;
  std::vector<std::string> keys_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_json_writer(std::ostream& out) {
  return std::make_unique<JsonWriter>(out);
}

}  // namespace sparkctl::connect::results
