#include "sparkctl/core/duration.hpp"

#include <algorithm>
#include <cstdint>

#include "sparkctl/core/strings.hpp"

namespace sparkctl {

const char* const duration_examples = "90, 90s, 5m or 1h30m";

namespace {

[[noreturn]] void refuse(std::string_view text, const std::string& why = {}) {
  throw DurationError("expected a duration such as " + std::string(duration_examples) + ", got \"" +
                      std::string(text) + "\"" + (why.empty() ? "" : " (" + why + ")"));
}

constexpr std::int64_t seconds_per(char unit) { return unit == 'h' ? 3600 : unit == 'm' ? 60 : 1; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::chrono::seconds parse_duration(std::string_view raw) {
  const std::string text = strings::trim(raw);
  if (text.empty()) refuse(raw);
  const std::int64_t limit = max_duration.count();
  const std::string units = "hms";
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must come in the order h, m, s
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) refuse(raw);
    std::int64_t number = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      number = number * 10 + (text[i] - '0');
      if (number > limit) refuse(raw, "more than " + canonical_duration(max_duration));
    }
    char unit = 's';
    if (i < text.size()) {
      const auto at = units.find(text[i], next_unit);
      if (at == std::string::npos) refuse(raw);
      unit = text[i++];
      next_unit = at + 1;
    } else if (next_unit != 0) {
      refuse(raw);  // "1h30": minutes or seconds?
    }
    if (number > (limit - total) / seconds_per(unit))
      refuse(raw, "more than " + canonical_duration(max_duration));
    total += number * seconds_per(unit);
  }
  if (total == 0) refuse(raw, "it must be more than 0");
  return std::chrono::seconds(total);
}

std::string canonical_duration(std::chrono::seconds duration) {
  const std::int64_t s = std::max<std::int64_t>(0, duration.count());
  if (s == 0) return "0s";
  std::string text;
  if (s >= 3600) text += std::to_string(s / 3600) + "h";
  if (s % 3600 >= 60) text += std::to_string(s % 3600 / 60) + "m";
  if (s % 60 != 0) text += std::to_string(s % 60) + "s";
  return text;
}

std::string format_duration(std::chrono::seconds duration) {
  const std::int64_t s = std::max<std::int64_t>(0, duration.count());
  auto two_units = [](std::int64_t big, const char* big_unit, std::int64_t small,
                      const char* small_unit) {
    return std::to_string(big) + big_unit + (small ? std::to_string(small) + small_unit : "");
  };
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return two_units(s / 60, "m", s % 60, "s");
  if (s < 86400) return two_units(s / 3600, "h", s % 3600 / 60, "m");
  return two_units(s / 86400, "d", s % 86400 / 3600, "h");
}

}  // namespace sparkctl
