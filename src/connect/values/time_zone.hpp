// Time zones for rendering Spark timestamps as Spark does: in the session
// time zone that the server names on each timestamp column. Ids are what
// Java's ZoneId accepts in practice: "UTC", "Z", "GMT", fixed offsets
// ("+08:00", "UTC-3", "GMT+05:30") and region ids ("Europe/Berlin") read
// from the system's tz database (TZif files, with the POSIX rule in their
// footer for instants past the last transition).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sparkctl::connect {

class TimeZone {
 public:
  // The zone for `id`, loaded once and shared; nullptr when the id is
  // unknown (the caller then renders in UTC and says so).
  static std::shared_ptr<const TimeZone> find(std::string_view id);
  static std::shared_ptr<const TimeZone> utc();

  // Seconds east of UTC in effect at `utc_seconds`.
  int64_t offset_at(int64_t utc_seconds) const;
  // Local wall-clock microseconds for an instant in UTC microseconds.
  int64_t to_local_micros(int64_t utc_micros) const;

  const std::string& id() const { return id_; }

  // One rule of a POSIX TZ string ("M3.5.0/3", "J60", "59"); public for the parser.
  struct Rule {
    char kind = 'M';  // 'M' month.week.day, 'J' Julian 1-365 (no Feb 29), 'D' zero-based day
    int month = 0, week = 0, day = 0;
    int64_t time = 7200;  // seconds after local midnight
  };

 private:
  friend class TimeZoneLoader;
  int64_t footer_offset(int64_t utc_seconds) const;

  std::string id_;
  std::vector<int64_t> transitions_;  // UTC seconds, ascending
  std::vector<int32_t> offsets_;      // offset after each transition
  int32_t initial_offset_ = 0;        // before the first transition
  // The footer: standard offset, and daylight offset with its two rules.
  bool has_footer_ = false;
  bool has_dst_ = false;
  int32_t std_offset_ = 0;
  int32_t dst_offset_ = 0;
  Rule dst_start_, dst_end_;
};

}  // namespace sparkctl::connect
