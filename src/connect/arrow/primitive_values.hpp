// One slot of a fixed-width Arrow array (booleans, integers, floats,
// decimals, dates, times, timestamps, durations, intervals, fixed-size
// binary) read from its values buffer and turned into a Value.
#pragma once

#include <cstdint>
#include <string_view>

#include "arrow_schema.hpp"

namespace sparkctl::arrow::detail {

// Bits one slot occupies in the values buffer.
uint64_t value_bits(const Column& c);

// Slot `i` of `values`; the caller has checked the buffer holds slot `i`.
Value decode_slot(const Column& c, std::string_view values, uint64_t i);

}  // namespace sparkctl::arrow::detail
