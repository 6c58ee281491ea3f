#include "sparkctl/core/secret_token.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl {

std::string random_secret_token() {
  unsigned char bytes[32];
  std::size_t filled = 0;
  while (filled < sizeof bytes) {
    const ssize_t n = getrandom(bytes + filled, sizeof bytes - filled, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error::cluster(std::string("cannot generate a random token: ") + std::strerror(errno));
    filled += static_cast<std::size_t>(n);
  }
  static const char digits[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : bytes) {
    token += digits[byte >> 4];
    token += digits[byte & 0xF];
  }
  return token;
}

bool has_connect_token(std::string_view connection_string) {
  return strings::mask_connect_token(connection_string) != connection_string;
}

std::string with_connect_token(const std::string& address, const std::string& token) {
  return token.empty() ? address : address + "/;token=" + token;
}

}  // namespace sparkctl
