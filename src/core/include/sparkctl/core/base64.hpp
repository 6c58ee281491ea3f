// Base64, standard alphabet with '=' padding: kubeconfig *-data fields,
// Secret values and WebSocket keys (k8s), binary values in results (connect).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sparkctl {

std::string base64_encode(std::string_view bytes);
// Appends the encoding of `bytes` to `out` (no new string per value).
void append_base64(std::string& out, std::string_view bytes);
// Whitespace ignored; nullopt on any other bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sparkctl
