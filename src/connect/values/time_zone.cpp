#include "time_zone.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace sparkctl::connect {
namespace {

constexpr int64_t seconds_per_day = 86400;

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  int64_t era = floor_div(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t year_of(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = floor_div(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads "[+-]hh[:mm[:ss]]" (or hh, hhmm when `compact`) at `p`; seconds.
bool parse_hms(std::string_view s, size_t& p, int64_t& out, bool compact = false) {
  int sign = 1;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) sign = s[p++] == '-' ? -1 : 1;
  auto number = [&](int max_digits, int64_t& value) {
    size_t start = p;
    value = 0;
    while (p < s.size() && p - start < static_cast<size_t>(max_digits) && s[p] >= '0' &&
           s[p] <= '9')
      value = value * 10 + (s[p++] - '0');
    return p > start;
  };
  int64_t h = 0, m = 0, sec = 0;
  if (!number(3, h)) return false;
  if (compact && p == s.size() && h >= 100) {  // +hhmm
    m = h % 100;
    h /= 100;
  } else if (p < s.size() && s[p] == ':') {
    ++p;
    if (!number(2, m)) return false;
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!number(2, sec)) return false;
    }
  }
  out = sign * (h * 3600 + m * 60 + sec);
  return true;
}

bool parse_name(std::string_view s, size_t& p) {
  if (p < s.size() && s[p] == '<') {
    size_t close = s.find('>', p);
    if (close == std::string_view::npos) return false;
    p = close + 1;
    return true;
  }
  size_t start = p;
  while (p < s.size() && ((s[p] >= 'A' && s[p] <= 'Z') || (s[p] >= 'a' && s[p] <= 'z'))) ++p;
  return p - start >= 3;
}

bool parse_rule(std::string_view s, size_t& p, TimeZone::Rule& rule) {
  auto number = [&](int& value) {
    size_t start = p;
    value = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') value = value * 10 + (s[p++] - '0');
    return p > start;
  };
  if (p < s.size() && s[p] == 'M') {
    ++p;
    rule.kind = 'M';
    if (!number(rule.month) || p >= s.size() || s[p++] != '.' || !number(rule.week) ||
        p >= s.size() || s[p++] != '.' || !number(rule.day))
      return false;
    if (rule.month < 1 || rule.month > 12 || rule.week < 1 || rule.week > 5 || rule.day > 6)
      return false;
  } else {
    rule.kind = 'D';
    if (p < s.size() && s[p] == 'J') {
      rule.kind = 'J';
      ++p;
    }
    if (!number(rule.day) || rule.day > 365) return false;
  }
  rule.time = 7200;
  if (p < s.size() && s[p] == '/') {
    ++p;
    if (!parse_hms(s, p, rule.time)) return false;
  }
  return true;
}

// Local seconds since the epoch at which `rule` fires in `year`.
int64_t rule_local_seconds(const TimeZone::Rule& rule, int64_t year) {
  int64_t days = 0;
  if (rule.kind == 'J') {  // 1..365, February 29 never counted
    days = days_from_civil(year, 1, 1) + rule.day - 1 + (leap(year) && rule.day >= 60 ? 1 : 0);
  } else if (rule.kind == 'D') {
    days = days_from_civil(year, 1, 1) + rule.day;
  } else {
    int64_t first = days_from_civil(year, rule.month, 1);
    int64_t first_weekday = ((first % 7) + 11) % 7;  // 1970-01-01 was a Thursday (4)
    int64_t day = (rule.day - first_weekday + 7) % 7 + (rule.week - 1) * 7;
    static const int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t month_days = days_in_month[rule.month - 1] + (rule.month == 2 && leap(year) ? 1 : 0);
    while (day >= month_days) day -= 7;
    days = first + day;
  }
  return days * seconds_per_day + rule.time;
}

uint32_t be32(const std::string& b, size_t at) {
  return (uint32_t{static_cast<uint8_t>(b[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(b[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[at + 2])} << 8) |
         uint32_t{static_cast<uint8_t>(b[at + 3])};
}

int64_t be64(const std::string& b, size_t at) {
  return static_cast<int64_t>((uint64_t{be32(b, at)} << 32) | be32(b, at + 4));
}

bool valid_region_id(std::string_view id) {
  if (id.empty() || id.front() == '/' || id.find("..") != std::string_view::npos) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

}  // namespace

// Builds TimeZones from ids: fixed offsets directly, regions from TZif files.
class TimeZoneLoader {
 public:
  static std::shared_ptr<TimeZone> fixed(std::string id, int64_t offset) {
    auto zone = std::make_shared<TimeZone>();
    zone->id_ = std::move(id);
    zone->initial_offset_ = static_cast<int32_t>(offset);
    return zone;
  }

  static std::shared_ptr<TimeZone> load(std::string_view id) {
    for (std::string_view prefix : {"UTC", "GMT", "UT", ""}) {
      if (id.substr(0, prefix.size()) != prefix) continue;
      std::string_view rest = id.substr(prefix.size());
      if (rest.empty() && !prefix.empty()) return fixed(std::string(id), 0);
      if (rest.empty() || (rest[0] != '+' && rest[0] != '-')) continue;
      size_t p = 0;
      int64_t offset = 0;
      if (parse_hms(rest, p, offset, true) && p == rest.size() && offset > -18 * 3600 &&
          offset < 18 * 3600)
        return fixed(std::string(id), offset);
      return nullptr;
    }
    if (id == "Z") return fixed("Z", 0);
    if (!valid_region_id(id)) return nullptr;
    const char* dir = std::getenv("TZDIR");
    std::ifstream in(std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(id),
                     std::ios::binary);
    if (!in) return nullptr;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto zone = std::make_shared<TimeZone>();
    zone->id_ = std::string(id);
    return read_tzif(bytes, *zone) ? zone : nullptr;
  }

 private:
  // RFC 8536. Version 2+ files repeat the data with 64-bit times after the
  // version 1 block; that second block and the footer are what we read.
  static bool read_tzif(const std::string& b, TimeZone& zone) {
    size_t at = 0;
    for (int pass = 0; pass < 2; ++pass) {
      if (b.size() < at + 44 || b.compare(at, 4, "TZif") != 0) return false;
      const bool v1 = b[at + 4] == '\0';
      const size_t isut = be32(b, at + 20), isstd = be32(b, at + 24), leaps = be32(b, at + 28),
                   times = be32(b, at + 32), types = be32(b, at + 36), chars = be32(b, at + 40);
      const size_t time_size = pass == 0 ? 4 : 8;
      const size_t block =
          times * time_size + times + types * 6 + chars + leaps * (time_size + 4) + isstd + isut;
      at += 44;
      if (types == 0 || b.size() < at + block) return false;
      if (pass == 0 && !v1) {
        at += block;  // skip to the 64-bit data
        continue;
      }
      const size_t index_at = at + times * time_size, types_at = index_at + times;
      auto offset_of = [&](size_t type) {
        return static_cast<int32_t>(be32(b, types_at + 6 * std::min(type, types - 1)));
      };
      zone.initial_offset_ = offset_of(0);
      for (size_t i = 0; i < times; ++i) {
        zone.transitions_.push_back(time_size == 4 ? static_cast<int32_t>(be32(b, at + 4 * i))
                                                   : be64(b, at + 8 * i));
        zone.offsets_.push_back(offset_of(static_cast<uint8_t>(b[index_at + i])));
      }
      if (!v1) read_footer(b.substr(at + block), zone);
      return true;
    }
    return false;
  }

  // "\nCET-1CEST,M3.5.0,M10.5.0/3\n": POSIX offsets count west as positive.
  static void read_footer(const std::string& footer, TimeZone& zone) {
    if (footer.size() < 2 || footer[0] != '\n') return;
    std::string_view s(footer);
    s = s.substr(1, s.find('\n', 1) - 1);
    size_t p = 0;
    int64_t std_west = 0;
    if (!parse_name(s, p) || !parse_hms(s, p, std_west)) return;
    zone.std_offset_ = static_cast<int32_t>(-std_west);
    zone.has_footer_ = true;
    if (p == s.size()) return;
    TimeZone::Rule start, end;
    int64_t dst_west = std_west - 3600;
    bool valid = parse_name(s, p) && (p >= s.size() || s[p] == ',' || parse_hms(s, p, dst_west)) &&
                 p < s.size() && s[p++] == ',' && parse_rule(s, p, start) && p < s.size() &&
                 s[p++] == ',' && parse_rule(s, p, end) && p == s.size();
    if (!valid) {
      zone.has_footer_ = false;  // an unreadable rule: the transitions alone
      return;
    }
    zone.has_dst_ = true;
    zone.dst_offset_ = static_cast<int32_t>(-dst_west);
    zone.dst_start_ = start;
    zone.dst_end_ = end;
  }
};

std::shared_ptr<const TimeZone> TimeZone::find(std::string_view id) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  std::shared_ptr<const TimeZone> zone = TimeZoneLoader::load(id);
  cache.emplace(std::string(id), zone);
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::utc() {
  static const std::shared_ptr<const TimeZone> zone = TimeZoneLoader::fixed("UTC", 0);
  return zone;
}

int64_t TimeZone::footer_offset(int64_t t) const {
  if (!has_dst_) return std_offset_;
  int64_t year = year_of(floor_div(t + std_offset_, seconds_per_day));
  // The start is given in standard local time, the end in daylight time.
  int64_t start = rule_local_seconds(dst_start_, year) - std_offset_;
  int64_t end = rule_local_seconds(dst_end_, year) - dst_offset_;
  bool in_dst = start < end ? (t >= start && t < end) : (t < end || t >= start);
  return in_dst ? dst_offset_ : std_offset_;
}

int64_t TimeZone::offset_at(int64_t t) const {
  if (transitions_.empty() || t < transitions_.front()) {
    return transitions_.empty() && has_footer_ ? footer_offset(t) : initial_offset_;
  }
  if (t >= transitions_.back() && has_footer_) return footer_offset(t);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  return offsets_[static_cast<size_t>(it - transitions_.begin()) - 1];
}

int64_t TimeZone::to_local_micros(int64_t utc_micros) const {
  int64_t offset = transitions_.empty() && !has_footer_
                       ? initial_offset_
                       : offset_at(floor_div(utc_micros, 1'000'000));
  // Wraps instead of overflowing at the ends of the range (no real timestamp is there).
  return static_cast<int64_t>(static_cast<uint64_t>(utc_micros) +
                              static_cast<uint64_t>(offset * 1'000'000));
}

}  // namespace sparkctl::connect
