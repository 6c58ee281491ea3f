// One Arrow IPC stream, as Spark Connect sends it in each
// ExecutePlanResponse.arrow_batch.data: a Schema message, record batches,
// the end-of-stream marker. The reader parses the schema up front and hands
// out the record batches one at a time as checked views into the bytes.
#pragma once

#include <string_view>
#include <vector>

#include "array_view.hpp"
#include "arrow_schema.hpp"
#include "ipc_message.hpp"

namespace sparkctl::arrow::detail {

struct IpcBatch {
  std::string_view metadata;  // the RecordBatch message's flatbuffer
  std::string_view body;      // its buffers
  BatchView view;             // checked views of its arrays
};

class IpcStreamReader {
 public:
  // Reads the schema message; Error when the bytes do not start with one.
  explicit IpcStreamReader(std::string_view bytes);

  const std::vector<Column>& columns() const { return columns_; }
  // For annotating the columns before the first next() (their views point here).
  std::vector<Column>& columns() { return columns_; }
  std::string_view schema_metadata() const { return schema_metadata_; }

  // The next record batch; false at the end of the stream. Error on a
  // second schema, a dictionary batch or any malformed message.
  bool next(IpcBatch& out);

 private:
  MessageReader reader_;
  std::vector<Column> columns_;
  std::string_view schema_metadata_;
};

// Error unless `columns` have the same types as `expected` (the
// schema of an earlier response of the same result).
void check_same_schema(const std::vector<Column>& expected, const std::vector<Column>& columns);

}  // namespace sparkctl::arrow::detail
