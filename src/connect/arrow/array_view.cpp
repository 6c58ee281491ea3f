#include "array_view.hpp"

#include <string>

#include "format_ids.hpp"

namespace sparkctl::arrow::detail {
namespace {

// Arrays without buffers (null, empty structs) can claim any length, so a
// batch may hold at most this many slots beyond 8 per body byte: decoding
// it into values stays proportional to what was received.
constexpr uint64_t slot_allowance = uint64_t{1} << 22;

// Consumes the batch's field nodes and buffers in schema pre-order.
class ViewBuilder {
 public:
  ViewBuilder(const fb::Table& batch, std::string_view body)
      : nodes_(batch.vector(kNodes, kFieldNodeSize)),
        buffers_(batch.vector(kBuffers, kBufferSize)),
        body_(body),
        slots_left_(slot_allowance + 8 * uint64_t{body.size()}) {
    if (batch.has(kCompression)) {
      throw Error::cluster(
          "arrow: compressed record batches (LZ4/ZSTD) are not supported; "
          "disable Arrow IPC compression on the Spark Connect server");
    }
  }

  ArrayView view(const Column& c) {
    ArrayView a;
    a.column = &c;
    take_node(c, a);
    switch (c.physical) {
      case Physical::null:
        a.all_null = true;  // no buffers at all
        break;
      case Physical::binary:
      case Physical::large_binary:
        view_binary(c, a);
        break;
      case Physical::list:
      case Physical::large_list:
      case Physical::map:
        view_list(c, a);
        break;
      case Physical::fixed_list:
        view_fixed_list(c, a);
        break;
      case Physical::struct_:
        take_validity(c, a);
        for (const Column& child : c.children) a.children.push_back(child_view(c, child, a.length));
        break;
      default:
        view_fixed_width(c, a);
        break;
    }
    return a;
  }

 private:
  void take_node(const Column& c, ArrayView& a) {
    if (next_node_ >= nodes_.size()) bad_column(c, "record batch has too few field nodes");
    int64_t length = nodes_.scalar<int64_t>(next_node_, kFieldNodeSize, 0);
    int64_t null_count = nodes_.scalar<int64_t>(next_node_, kFieldNodeSize, 8);
    ++next_node_;
    if (length < 0 || null_count < 0 || null_count > length) {
      bad_column(c, "invalid field node (length " + std::to_string(length) + ", null count " +
                        std::to_string(null_count) + ")");
    }
    if (static_cast<uint64_t>(length) > slots_left_) {
      throw Error::cluster("arrow: record batch is too large to decode (column '" + c.field.name +
                           "' claims " + std::to_string(length) + " values)");
    }
    slots_left_ -= static_cast<uint64_t>(length);
    a.length = static_cast<uint64_t>(length);
    a.null_count = static_cast<uint64_t>(null_count);
  }

  std::string_view take_buffer(const Column& c) {
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

  void take_validity(const Column& c, ArrayView& a) {
    std::string_view bits = take_buffer(c);
    if (bits.empty()) {
      // Writers may omit the bitmap when nothing is null.
      if (a.null_count != 0) bad_column(c, "nulls counted but no validity bitmap");
      return;
    }
    if (bits.size() < (a.length + 7) / 8) bad_column(c, "validity bitmap is too short");
    a.validity = bits;
  }

  void view_fixed_width(const Column& c, ArrayView& a) {
    take_validity(c, a);
    a.values = take_buffer(c);
    uint64_t bits = value_bits(c);
    // length < 2^63 and bits <= 2^27, so compare without overflow.
    if (bits != 0 && a.length != 0 && (a.values.size() * uint64_t{8}) / bits < a.length) {
      bad_column(c, "values buffer is too short");
    }
  }

  // Reads and checks the offsets: length + 1 non-decreasing entries, the
  // last within `limit` (none needed for an empty array).
  void take_offsets(const Column& c, ArrayView& a, int width) {
    std::string_view buf = take_buffer(c);
    a.offset_width = width;
    if (a.length == 0) return;
    if (buf.size() / static_cast<uint64_t>(width) < a.length + 1) {
      bad_column(c, "offsets buffer is too short");
    }
    a.offsets = buf;
    int64_t previous = 0;
    for (uint64_t i = 0; i <= a.length; ++i) {
      int64_t off = width == 4 ? load_le<int32_t>(buf, i * 4, "offset")
                               : load_le<int64_t>(buf, i * 8, "offset");
      if (off < previous) {
        bad_column(c, "offset " + std::to_string(off) + " at slot " + std::to_string(i) +
                          " is out of order or beyond the data");
      }
      previous = off;
    }
  }

  void check_last_offset(const Column& c, const ArrayView& a, uint64_t limit) {
    if (a.length != 0 && a.offset(a.length) > limit) {
      bad_column(c, "offset " + std::to_string(a.offset(a.length)) + " at slot " +
                        std::to_string(a.length) + " is out of order or beyond the data");
    }
  }

  void view_binary(const Column& c, ArrayView& a) {
    take_validity(c, a);
    take_offsets(c, a, c.physical == Physical::binary ? 4 : 8);
    a.values = take_buffer(c);
    check_last_offset(c, a, a.values.size());
  }

  void view_list(const Column& c, ArrayView& a) {
    take_validity(c, a);
    take_offsets(c, a, c.physical == Physical::large_list ? 8 : 4);
    a.children.push_back(child_view(c, c.children[0], 0));
    check_last_offset(c, a, a.children[0].length);
  }

  void view_fixed_list(const Column& c, ArrayView& a) {
    take_validity(c, a);
    ArrayView items = view(c.children[0]);
    uint64_t size = static_cast<uint64_t>(c.fixed_size);
    if (size != 0 && items.length / size < a.length) bad_column(c, "list values are too short");
    a.children.push_back(std::move(items));
  }

  ArrayView child_view(const Column& parent, const Column& child, uint64_t min_length) {
    ArrayView v = view(child);
    if (v.length < min_length) {
      bad_column(parent, "child '" + child.field.name + "' is shorter than its parent");
    }
    return v;
  }

  fb::Vector nodes_;
  fb::Vector buffers_;
  std::string_view body_;
  uint32_t next_node_ = 0;
  uint32_t next_buffer_ = 0;
  uint64_t slots_left_;
};

}  // namespace

void bad_column(const Column& c, const std::string& what) {
  malformed("column '" + c.field.name + "': " + what);
}

uint64_t value_bits(const Column& c) {
  switch (c.physical) {
    case Physical::boolean:
      return 1;
    case Physical::integer:
    case Physical::floating:
    case Physical::decimal:
    case Physical::time:
      return static_cast<uint64_t>(c.bit_width);
    case Physical::date:
      return c.unit == 0 ? 32 : 64;
    case Physical::timestamp:
    case Physical::duration:
      return 64;
    case Physical::interval:
      return c.unit == 0 ? 32 : c.unit == 1 ? 64 : 128;
    case Physical::fixed_binary:
      return static_cast<uint64_t>(c.fixed_size) * 8;
    default:
      return 0;
  }
}

std::string_view ArrayView::bytes(uint64_t i) const {
  if (column->physical == Physical::fixed_binary) {
    uint64_t width = static_cast<uint64_t>(column->fixed_size);
    return values.substr(i * width, width);
  }
  uint64_t begin = offset(i);
  return values.substr(begin, offset(i + 1) - begin);
}

std::pair<uint64_t, uint64_t> ArrayView::items(uint64_t i) const {
  if (column->physical == Physical::fixed_list) {
    uint64_t size = static_cast<uint64_t>(column->fixed_size);
    return {i * size, (i + 1) * size};
  }
  return {offset(i), offset(i + 1)};
}

BatchView view_record_batch(const std::vector<Column>& columns, const fb::Table& batch,
                            std::string_view body) {
  int64_t length = batch.scalar<int64_t>(kLength, 0);
  if (length < 0) malformed("negative record batch length");
  BatchView view;
  view.length = static_cast<uint64_t>(length);
  if (columns.empty() && view.length > slot_allowance) malformed("record batch length too large");
  ViewBuilder builder(batch, body);
  view.columns.reserve(columns.size());
  for (const Column& c : columns) {
    view.columns.push_back(builder.view(c));
    if (view.columns.back().length != view.length) {
      bad_column(c, std::to_string(view.columns.back().length) + " values in a batch of " +
                        std::to_string(view.length) + " rows");
    }
  }
  return view;
}

}  // namespace sparkctl::arrow::detail
