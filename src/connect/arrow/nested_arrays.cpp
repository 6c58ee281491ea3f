// Lists, structs and maps. sparkctl has no nested Value, so each slot
// becomes the string Spark's show() would print ([1, 2], {a, 1}, {k -> v}),
// after the children were decoded like any other array.
#include "display_format.hpp"
#include "record_batch.hpp"

namespace sparkctl::arrow::detail {

std::vector<std::vector<Value>> BatchReader::read_children(const Column& c, uint64_t min_length) {
  std::vector<std::vector<Value>> children;
  for (const Column& child : c.children) {
    children.push_back(read(child));
    if (children.back().size() < min_length) {
      bad_column(c, "child '" + child.field.name + "' is shorter than its parent");
    }
  }
  return children;
}

std::vector<Value> BatchReader::read_list(const Column& c, const Node& node) {
  Validity validity = take_validity(c, node);
  std::vector<Value> out(node.length);
  if (c.physical == Physical::fixed_list) {
    std::vector<Value> items = read(c.children[0]);
    uint64_t size = static_cast<uint64_t>(c.fixed_size);
    if (size != 0 && items.size() / size < node.length) bad_column(c, "list values are too short");
    for (uint64_t i = 0; i < node.length; ++i) {
      if (validity.valid(i)) out[i] = format_list(items, i * size, (i + 1) * size);
    }
    return out;
  }
  std::string_view offsets_buf = take_buffer(c);
  std::vector<Value> items = read(c.children[0]);
  std::vector<uint64_t> offsets = parse_offsets(c, offsets_buf, node.length,
                                                c.physical == Physical::list ? 4 : 8, items.size());
  for (uint64_t i = 0; i < node.length; ++i) {
    if (validity.valid(i)) out[i] = format_list(items, offsets[i], offsets[i + 1]);
  }
  return out;
}

std::vector<Value> BatchReader::read_struct(const Column& c, const Node& node) {
  Validity validity = take_validity(c, node);
  std::vector<std::vector<Value>> fields = read_children(c, node.length);
  std::vector<Value> out(node.length);
  for (uint64_t i = 0; i < node.length; ++i) {
    if (validity.valid(i)) out[i] = format_struct(fields, i);
  }
  return out;
}

// A map is a list of non-null <key, value> structs ("entries").
std::vector<Value> BatchReader::read_map(const Column& c, const Node& node) {
  Validity validity = take_validity(c, node);
  std::string_view offsets_buf = take_buffer(c);
  const Column& entries = c.children[0];
  Node entries_node = take_node(entries);
  take_validity(entries, entries_node);
  std::vector<std::vector<Value>> kv = read_children(entries, entries_node.length);
  std::vector<uint64_t> offsets =
      parse_offsets(c, offsets_buf, node.length, 4, entries_node.length);
  std::vector<Value> out(node.length);
  for (uint64_t i = 0; i < node.length; ++i) {
    if (validity.valid(i)) out[i] = format_map(kv[0], kv[1], offsets[i], offsets[i + 1]);
  }
  return out;
}

}  // namespace sparkctl::arrow::detail
