// Time spans as people write and read them.
#pragma once

#include <chrono>
#include <string>

namespace sparkctl {

// 45s, 3m12s, 2h5m, 3d4h (kubectl's shapes).
std::string format_duration(std::chrono::seconds duration);

}  // namespace sparkctl
