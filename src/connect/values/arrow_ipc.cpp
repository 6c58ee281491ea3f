// Rows to and from Arrow IPC streams.
#include "sparkctl/connect/arrow_ipc.hpp"

#include "../arrow/format_ids.hpp"
#include "../arrow/ipc_stream.hpp"
#include "../arrow/ipc_writer.hpp"
#include "column_encoder.hpp"
#include "value_decoder.hpp"

namespace sparkctl::connect {
namespace {

namespace ids = arrow::detail;
using Builder = arrow::fb::Builder;

// A Message flatbuffer around a header table that `add_header` builds.
template <typename AddHeader>
std::string message(uint8_t header_type, int64_t body_length, AddHeader&& add_header) {
  Builder fb;
  const Builder::Offset header = add_header(fb);
  fb.start_table();
  fb.add_i16(ids::kVersion, ids::kMetadataV5);
  fb.add_u8(ids::kHeaderType, header_type);
  fb.add_offset(ids::kHeader, header);
  fb.add_i64(ids::kBodyLength, body_length);
  return fb.finish(fb.end_table());
}

std::string schema_message(const StructType& schema) {
  return message(1 /* Schema */, 0, [&](Builder& fb) {
    std::vector<Builder::Offset> fields;
    for (const StructField& f : schema)
      fields.push_back(values::encode_field(fb, f.name, f.data_type, f.nullable));
    const Builder::Offset vector = fb.create_offset_vector(fields);
    fb.start_table();
    fb.add_i16(ids::kEndianness, 0);  // little-endian
    fb.add_offset(ids::kFields, vector);
    return fb.end_table();
  });
}

std::string batch_message(int64_t length, const values::BatchBody& body) {
  return message(3 /* RecordBatch */, static_cast<int64_t>(body.bytes.size()), [&](Builder& fb) {
    std::string nodes, buffers;
    for (const auto& n : body.nodes) {
      nodes.append(reinterpret_cast<const char*>(&n.length), 8);
      nodes.append(reinterpret_cast<const char*>(&n.null_count), 8);
    }
    for (const auto& b : body.buffers) {
      buffers.append(reinterpret_cast<const char*>(&b.offset), 8);
      buffers.append(reinterpret_cast<const char*>(&b.length), 8);
    }
    const Builder::Offset node_vector =
        fb.create_struct_vector(nodes, static_cast<uint32_t>(body.nodes.size()), 8);
    const Builder::Offset buffer_vector =
        fb.create_struct_vector(buffers, static_cast<uint32_t>(body.buffers.size()), 8);
    fb.start_table();
    fb.add_i64(ids::kLength, length);
    fb.add_offset(ids::kNodes, node_vector);
    fb.add_offset(ids::kBuffers, buffer_vector);
    return fb.end_table();
  });
}

}  // namespace

Rows read_arrow_ipc(std::string_view stream) {
  arrow::detail::IpcStreamReader reader(stream);
  Rows rows(values::spark_schema_of(reader.columns()), {});
  const StructType& schema = rows.schema();
  arrow::detail::IpcBatch batch;
  while (reader.next(batch)) {
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      std::vector<Value> row;
      row.reserve(batch.view.columns.size());
      for (size_t c = 0; c < batch.view.columns.size(); ++c)
        row.push_back(values::value_at(batch.view.columns[c], r, schema[c].data_type));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::string write_arrow_ipc(const StructType& schema, const std::vector<Row>& rows) {
  values::BatchBody body;
  for (size_t c = 0; c < schema.size(); ++c) {
    std::vector<const Value*> slots;
    slots.reserve(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].size() != schema.size()) {
        throw Error::job("row " + std::to_string(r) + " has " + std::to_string(rows[r].size()) +
                         " values for " + std::to_string(schema.size()) + " columns (" +
                         schema.simple_string() + ")");
      }
      slots.push_back(&rows[r].values()[c]);
    }
    try {
      values::encode_column(schema[c].data_type, slots, schema[c].name, body);
    } catch (const Error& e) {
      throw Error::job(std::string("Arrow data for Spark: ") + e.what());
    }
  }
  std::string out;
  arrow::detail::append_message(out, schema_message(schema), {});
  arrow::detail::append_message(out, batch_message(static_cast<int64_t>(rows.size()), body),
                                body.bytes);
  arrow::detail::append_end_of_stream(out);
  return out;
}

std::string write_arrow_ipc(const Rows& rows) {
  return write_arrow_ipc(rows.schema(), rows.rows());
}

}  // namespace sparkctl::connect
