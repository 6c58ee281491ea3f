// 128-bit integers, for the unscaled digits of Spark's decimals (up to 38).
// __int128 is a GCC/Clang extension; `__extension__` keeps -Wpedantic quiet.
#pragma once

namespace sparkctl {

__extension__ typedef __int128 int128_t;
__extension__ typedef unsigned __int128 uint128_t;

}  // namespace sparkctl
