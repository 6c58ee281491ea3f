// Renders one slot of an Arrow array, read straight from the record
// batch's buffers, as Spark's show() prints it or as JSON. The writers of
// streamed results call these for every cell, so scalar columns take a
// switch and an append: no Value, no string per cell.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "../arrow/array_view.hpp"

namespace sparkctl::connect {

class TimeZone;

namespace results {

using arrow::detail::ArrayView;

class SlotText {
 public:
  // Spark's show() text of a valid slot (nested values included, their
  // NULLs as "NULL"); strings as they are, binary as [CA FE].
  void append_text(std::string& out, const ArrayView& a, uint64_t i);
  // The JSON of a slot, null included: numbers as numbers (decimals with
  // their exact digits), strings escaped, binary as base64, dates and
  // timestamps as ISO 8601 strings (UTC 'Z' for instants), intervals as
  // Spark's text, arrays as arrays, structs and maps as objects.
  void append_json(std::string& out, const ArrayView& a, uint64_t i);

 private:
  const TimeZone& zone(std::string_view id);
  void append_nested_text(std::string& out, const ArrayView& a, uint64_t i);

  std::string zone_id_;
  std::shared_ptr<const TimeZone> zone_;
};

// A JSON string literal of UTF-8 text; invalid bytes become U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace results
}  // namespace sparkctl::connect
