// Time spans as people write and read them. One parser for every timeout
// key and flag (config values, SPARKCTL_* variables, --set, --timeout...)
// and the printers that go with it.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sparkctl {

// What parse_duration accepts, for help text: "90, 90s, 5m or 1h30m".
extern const char* const duration_examples;

// Thrown by parse_duration: "expected a duration such as 90, 90s, 5m or
// 1h30m, got \"soon\"". The caller says where the text came from.
struct DurationError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The longest duration anything accepts (87600h, ten years): deadlines
// computed from it stay far from the clocks' limits.
constexpr std::chrono::seconds max_duration{87600LL * 3600};

// Plain seconds ("90") or hours, minutes and seconds in that order, each
// at most once ("90s", "5m", "2h", "1h30m", "1h0m5s"); blanks around it
// are ignored. Refuses 0, signs, fractions, other units and more than
// max_duration.
std::chrono::seconds parse_duration(std::string_view text);

// Exactly, in the shape parse_duration reads back: 45s, 1m30s, 1h, 2h5s,
// 168h. For configured values (`config show`, rendered job arguments).
std::string canonical_duration(std::chrono::seconds duration);

// Rounded for reading, in kubectl's shapes: 45s, 3m12s, 2h5m, 3d4h (the
// two largest units; negative counts as 0s). For ages, uptimes, elapsed
// time and timeouts in messages.
std::string format_duration(std::chrono::seconds duration);

}  // namespace sparkctl
