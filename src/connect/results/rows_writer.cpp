// collect(): the whole result decoded into the value model.
#include "../values/value_decoder.hpp"
#include "format_writers.hpp"
#include "result_pipeline.hpp"

namespace sparkctl::connect {
namespace {

class RowsWriter : public results::ResultWriter {
 public:
  void begin(const results::ResultSchema& schema) override { rows_ = Rows(schema.spark, {}); }

  void write(const results::IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    const StructType& schema = rows_.schema();
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      std::vector<Value> values;
      values.reserve(columns.size());
      for (size_t c = 0; c < columns.size(); ++c)
        values.push_back(values::value_at(columns[c], r, schema[c].data_type));
      rows_.push_back(std::move(values));
    }
  }

  void end() override {}

  Rows take() { return std::move(rows_); }

 private:
  Rows rows_;
};

}  // namespace

Rows collect_result(Client& client, const spark::connect::Relation& relation) {
  RowsWriter writer;
  spark::connect::Plan plan;
  *plan.mutable_root() = relation;
  results::run_pipeline(client, plan, writer);
  return writer.take();
}

}  // namespace sparkctl::connect
