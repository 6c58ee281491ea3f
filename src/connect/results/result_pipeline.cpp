#include "result_pipeline.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "../values/value_decoder.hpp"
#include "sparkctl/connect/client.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect::results {
namespace {

// Spark sends up to 4 MiB of Arrow data per response
// (spark.connect.grpc.arrow.maxBatchSize): two waiting, one being written
// and one being received bound what a result holds in memory.
constexpr size_t queued_responses = 2;

// The Arrow data of responses, from the receiving thread to the writing one.
class ChunkQueue {
 public:
  // Blocks while full; false once the writer gave up.
  bool push(std::string chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return chunks_.size() < queued_responses || gave_up_; });
    if (gave_up_) return false;
    chunks_.push_back(std::move(chunk));
    changed_.notify_all();
    return true;
  }
  // Blocks while empty; nullopt after close() once drained, or after abort().
  std::optional<std::string> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !chunks_.empty() || closed_ || aborted_; });
    if (aborted_ || chunks_.empty()) return std::nullopt;
    std::string chunk = std::move(chunks_.front());
    chunks_.pop_front();
    changed_.notify_all();
    return chunk;
  }
  // Spark's type of the result, which the server sends before any batch.
  void set_spark_schema(StructType schema) {
    std::lock_guard lock(mutex_);
    spark_schema_ = std::move(schema);
  }
  std::optional<StructType> spark_schema() {
    std::lock_guard lock(mutex_);
    return spark_schema_;
  }
  void close() { set(closed_); }     // the result is complete
  void abort() { set(aborted_); }    // receiving failed: stop writing
  void give_up() { set(gave_up_); }  // writing failed: stop receiving
  bool aborted() {
    std::lock_guard lock(mutex_);
    return aborted_;
  }

 private:
  void set(bool& flag) {
    std::lock_guard lock(mutex_);
    flag = true;
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> chunks_;
  std::optional<StructType> spark_schema_;
  bool closed_ = false;
  bool aborted_ = false;
  bool gave_up_ = false;
};

// Thrown from the response handler to end the operation when the writer failed.
struct WriterStopped {};

class Writing {
 public:
  Writing(ChunkQueue& queue, ResultWriter& writer) : queue_(queue), writer_(writer) {
    thread_ = std::thread([this] { run(); });
  }
  ~Writing() {
    if (thread_.joinable()) {
      queue_.abort();
      thread_.join();
    }
  }
  // Waits for the writer; rethrows its error.
  std::int64_t finish() {
    thread_.join();
    if (error_) std::rethrow_exception(error_);
    return rows_;
  }

 private:
  void run() {
    try {
      std::vector<arrow::detail::Column> columns;
      std::optional<StructType> spark;
      bool began = false;
      while (std::optional<std::string> chunk = queue_.pop()) {
        arrow::detail::IpcStreamReader reader(*chunk);
        if (!began) {
          columns = reader.columns();
          spark = queue_.spark_schema();
          StructType schema = spark ? values::reconcile(reader.columns(), *spark)
                                    : values::spark_schema_of(reader.columns());
          writer_.begin({reader.columns(), reader.schema_metadata(), schema});
          began = true;
        } else {
          arrow::detail::check_same_schema(columns, reader.columns());
          if (spark) values::reconcile(reader.columns(), *spark);
        }
        IpcBatch batch;
        while (reader.next(batch)) {
          writer_.write(batch);
          rows_ += static_cast<std::int64_t>(batch.view.length);
        }
      }
      if (queue_.aborted()) return;
      if (!began) {  // no Arrow data at all
        writer_.begin({columns, {}, queue_.spark_schema().value_or(StructType())});
      }
      writer_.end();
    } catch (...) {
      error_ = std::current_exception();
      queue_.give_up();
    }
  }

  ChunkQueue& queue_;
  ResultWriter& writer_;
  std::thread thread_;
  std::exception_ptr error_;
  std::int64_t rows_ = 0;
};

void accept_spark_schema(ChunkQueue& queue, const spark::connect::DataType& proto) {
  try {
    DataType type = DataType::from_proto(proto);
    if (type.kind() == DataType::Kind::struct_) queue.set_spark_schema(type.as_struct());
  } catch (const Error& error) {
    // A type this build does not know: the Arrow schema alone describes the result.
    spdlog::debug("result schema not used: {}", error.what());
  }
}

}  // namespace

std::int64_t run_pipeline(Client& client, const spark::connect::Plan& plan, ResultWriter& writer) {
  ChunkQueue queue;
  Writing writing(queue, writer);
  try {
    client.execute(plan, [&](spark::connect::ExecutePlanResponse& response) {
      if (response.has_schema()) accept_spark_schema(queue, response.schema());
      if (!response.has_arrow_batch()) return;
      if (!queue.push(std::move(*response.mutable_arrow_batch()->mutable_data()))) {
        throw WriterStopped{};
      }
    });
    queue.close();
  } catch (const WriterStopped&) {
    // finish() rethrows the writer's error.
  }
  return writing.finish();
}

}  // namespace sparkctl::connect::results
