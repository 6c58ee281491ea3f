// Base64 as kubeconfig *-data fields and WebSocket keys use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sparkctl::k8s {

std::string base64_encode(std::string_view bytes);
// Standard alphabet; whitespace ignored; nullopt on any other bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sparkctl::k8s
