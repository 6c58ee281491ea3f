// An Arrow IPC stream: the server's schema message, then each record batch
// as it arrives, re-framed but otherwise byte for byte what Spark sent,
// then the end-of-stream marker. One stream per result.
#include "../arrow/ipc_writer.hpp"
#include "format_writers.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"

namespace sparkctl::connect::results {
namespace {

class ArrowWriter : public ResultWriter {
 public:
  explicit ArrowWriter(std::ostream& out) : output_(out) {}

  void begin(const ResultSchema& schema) override {
    if (!schema.ipc_metadata.empty()) {
      arrow::detail::append_message(output_.buffer(), schema.ipc_metadata, {});
    } else if (!schema.spark.empty()) {
      // No Arrow data came: the schema Spark announced, as an empty stream.
      std::string empty = write_arrow_ipc(schema.spark, {});
      output_.buffer() += std::string_view(empty).substr(0, empty.size() - 8);  // without its end
    } else {
      return;  // a command without a result: no stream at all
    }
    began_ = true;
  }

  void write(const IpcBatch& batch) override {
    arrow::detail::append_message(output_.buffer(), batch.metadata, batch.body);
    output_.maybe_flush();
  }

  void end() override {
    if (!began_) return;
    arrow::detail::append_end_of_stream(output_.buffer());
    output_.flush();
  }

 private:
  OutputBuffer output_;
  bool began_ = false;
};

}  // namespace

std::unique_ptr<ResultWriter> make_arrow_writer(std::ostream& out) {
  return std::make_unique<ArrowWriter>(out);
}

}  // namespace sparkctl::connect::results
