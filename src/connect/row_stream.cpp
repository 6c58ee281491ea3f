// DataFrame::for_each_row: each row handed to the caller as its batch
// arrives, so a result of any size is read in flat memory.
#include <memory>

#include "results/result_pipeline.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "values/value_decoder.hpp"

namespace sparkctl::connect {
namespace {

class RowVisitor : public results::ResultWriter {
 public:
  explicit RowVisitor(const std::function<void(const Row&)>& visit) : visit_(visit) {}

  void begin(const results::ResultSchema& schema) override {
    schema_ = std::make_shared<const StructType>(schema.spark);
  }

  void write(const results::IpcBatch& batch) override {
    const auto& columns = batch.view.columns;
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      std::vector<Value> values;
      values.reserve(columns.size());
      for (size_t c = 0; c < columns.size(); ++c) {
        values.push_back(values::value_at(columns[c], r, (*schema_)[c].data_type));
      }
      visit_(Row(schema_, std::move(values)));
    }
  }

  void end() override {}

 private:
  const std::function<void(const Row&)>& visit_;
  std::shared_ptr<const StructType> schema_;
};

}  // namespace

std::int64_t DataFrame::for_each_row(const std::function<void(const Row&)>& visit) const {
  RowVisitor visitor(visit);
  spark::connect::Plan plan;
  *plan.mutable_root() = *relation_;
  return results::run_pipeline(*client_, plan, visitor);
}

}  // namespace sparkctl::connect
