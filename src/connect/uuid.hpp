// Random (version 4) UUIDs for session and operation ids.
#pragma once

#include <string>
#include <string_view>

namespace sparkctl::connect {

std::string random_uuid();
bool is_uuid(std::string_view text);  // 8-4-4-4-12 hex digits

}  // namespace sparkctl::connect
