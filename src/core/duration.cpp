#include "sparkctl/core/duration.hpp"

#include <algorithm>

namespace sparkctl {

std::string format_duration(std::chrono::seconds duration) {
  long s = std::max<long>(0, static_cast<long>(duration.count()));
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + (s % 60 ? std::to_string(s % 60) + "s" : "");
  if (s < 86400)
    return std::to_string(s / 3600) + "h" +
           (s % 3600 / 60 ? std::to_string(s % 3600 / 60) + "m" : "");
  return std::to_string(s / 86400) + "d" +
         (s % 86400 / 3600 ? std::to_string(s % 86400 / 3600) + "h" : "");
}

}  // namespace sparkctl
