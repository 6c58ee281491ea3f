#include "record_batch.hpp"

#include <string>

#include "primitive_values.hpp"

namespace sparkctl::arrow::detail {
namespace {

// Message.fbs, table RecordBatch.
enum BatchId { kLength = 0, kNodes = 1, kBuffers = 2, kCompression = 3 };
constexpr uint32_t kFieldNodeSize = 16;  // struct FieldNode { long length; long null_count; }
constexpr uint32_t kBufferSize = 16;     // struct Buffer { long offset; long length; }

// Arrays without buffers (null, empty structs) can claim any length, so a
// batch may decode at most this many values beyond 8 per body byte.
constexpr uint64_t kValueAllowance = uint64_t{1} << 22;

}  // namespace

void bad_column(const Column& c, const std::string& what) {
  malformed("column '" + c.field.name + "': " + what);
}

BatchReader::BatchReader(const fb::Table& batch, std::string_view body)
    : length_(batch.scalar<int64_t>(kLength, 0)),
      nodes_(batch.vector(kNodes, kFieldNodeSize)),
      buffers_(batch.vector(kBuffers, kBufferSize)),
      body_(body),
      values_left_(kValueAllowance + 8 * uint64_t{body.size()}) {
  if (batch.has(kCompression)) {
    throw Error::job(
        "arrow: compressed record batches (LZ4/ZSTD) are not supported; "
        "disable Arrow IPC compression on the Spark Connect server");
  }
  if (length_ < 0) malformed("negative record batch length");
}

BatchReader::Node BatchReader::take_node(const Column& c) {
  if (next_node_ >= nodes_.size()) bad_column(c, "record batch has too few field nodes");
  int64_t length = nodes_.scalar<int64_t>(next_node_, kFieldNodeSize, 0);
  int64_t null_count = nodes_.scalar<int64_t>(next_node_, kFieldNodeSize, 8);
  ++next_node_;
  if (length < 0 || null_count < 0 || null_count > length) {
    bad_column(c, "invalid field node (length " + std::to_string(length) + ", null count " +
                      std::to_string(null_count) + ")");
  }
  if (static_cast<uint64_t>(length) > values_left_) {
    throw Error::job("arrow: record batch is too large to decode (column '" + c.field.name +
                     "' claims " + std::to_string(length) + " values)");
  }
  values_left_ -= static_cast<uint64_t>(length);
  return {static_cast<uint64_t>(length), static_cast<uint64_t>(null_count)};
}

std::string_view BatchReader::take_buffer(const Column& c) {
  if (next_buffer_ >= buffers_.size()) bad_column(c, "record batch has too few buffers");
  int64_t offset = buffers_.scalar<int64_t>(next_buffer_, kBufferSize, 0);
  int64_t length = buffers_.scalar<int64_t>(next_buffer_, kBufferSize, 8);
  ++next_buffer_;
  if (offset < 0 || length < 0 ||
      !in_bounds(static_cast<uint64_t>(offset), static_cast<uint64_t>(length), body_.size())) {
    bad_column(c, "buffer [" + std::to_string(offset) + ", +" + std::to_string(length) +
                      ") lies outside the " + std::to_string(body_.size()) + "-byte body");
  }
  return body_.substr(static_cast<uint64_t>(offset), static_cast<uint64_t>(length));
}

BatchReader::Validity BatchReader::take_validity(const Column& c, const Node& node) {
  std::string_view bits = take_buffer(c);
  if (bits.empty()) {
    // Writers may omit the bitmap when nothing is null.
    if (node.null_count != 0) bad_column(c, "nulls counted but no validity bitmap");
    return {};
  }
  if (bits.size() < (node.length + 7) / 8) bad_column(c, "validity bitmap is too short");
  return {bits};
}

std::string_view BatchReader::take_values(const Column& c, const Node& node,
                                          uint64_t bits_per_value) {
  std::string_view values = take_buffer(c);
  // node.length < 2^63 and bits_per_value <= 2^27, so compare without overflow.
  if (node.length != 0 && (values.size() * uint64_t{8}) / bits_per_value < node.length) {
    bad_column(c, "values buffer is too short");
  }
  return values;
}

std::vector<uint64_t> parse_offsets(const Column& c, std::string_view buf, uint64_t length,
                                    int width, uint64_t limit) {
  if (length == 0) return {0};
  if (buf.size() / static_cast<uint64_t>(width) < length + 1) {
    bad_column(c, "offsets buffer is too short");
  }
  std::vector<uint64_t> offsets(length + 1);
  int64_t previous = 0;
  for (uint64_t i = 0; i <= length; ++i) {
    int64_t off = width == 4 ? load_le<int32_t>(buf, i * 4, "offset")
                             : load_le<int64_t>(buf, i * 8, "offset");
    if (off < previous || static_cast<uint64_t>(off) > limit) {
      bad_column(c, "offset " + std::to_string(off) + " at slot " + std::to_string(i) +
                        " is out of order or beyond the data");
    }
    offsets[i] = static_cast<uint64_t>(off);
    previous = off;
  }
  return offsets;
}

std::vector<Value> BatchReader::read(const Column& c) {
  Node node = take_node(c);
  switch (c.physical) {
    case Physical::null:
      return std::vector<Value>(node.length);
    case Physical::binary:
    case Physical::large_binary:
      return read_binary(c, node);
    case Physical::list:
    case Physical::large_list:
    case Physical::fixed_list:
      return read_list(c, node);
    case Physical::struct_:
      return read_struct(c, node);
    case Physical::map:
      return read_map(c, node);
    default:
      return read_fixed_width(c, node);
  }
}

std::vector<Value> BatchReader::read_fixed_width(const Column& c, const Node& node) {
  Validity validity = take_validity(c, node);
  uint64_t bits = value_bits(c);
  std::string_view values = bits == 0 ? take_buffer(c) : take_values(c, node, bits);
  std::vector<Value> out(node.length);
  for (uint64_t i = 0; i < node.length; ++i) {
    if (validity.valid(i)) out[i] = decode_slot(c, values, i);
  }
  return out;
}

std::vector<Value> BatchReader::read_binary(const Column& c, const Node& node) {
  Validity validity = take_validity(c, node);
  std::string_view offsets_buf = take_buffer(c);
  std::string_view data = take_buffer(c);
  std::vector<uint64_t> offsets = parse_offsets(
      c, offsets_buf, node.length, c.physical == Physical::binary ? 4 : 8, data.size());
  std::vector<Value> out(node.length);
  for (uint64_t i = 0; i < node.length; ++i) {
    if (validity.valid(i))
      out[i] = std::string(data.substr(offsets[i], offsets[i + 1] - offsets[i]));
  }
  return out;
}

void decode_record_batch(const std::vector<Column>& columns, const fb::Table& batch,
                         std::string_view body, std::vector<std::vector<Value>>& rows) {
  BatchReader reader(batch, body);
  uint64_t length = static_cast<uint64_t>(reader.length());
  std::vector<std::vector<Value>> decoded;
  decoded.reserve(columns.size());
  for (const Column& c : columns) {
    decoded.push_back(reader.read(c));
    if (decoded.back().size() != length) {
      bad_column(c, std::to_string(decoded.back().size()) + " values in a batch of " +
                        std::to_string(length) + " rows");
    }
  }
  if (columns.empty() && length > kValueAllowance) malformed("record batch length too large");
  rows.reserve(rows.size() + length);
  for (uint64_t r = 0; r < length; ++r) {
    std::vector<Value> row;
    row.reserve(columns.size());
    for (auto& column : decoded) row.push_back(std::move(column[r]));
    rows.push_back(std::move(row));
  }
}

}  // namespace sparkctl::arrow::detail
