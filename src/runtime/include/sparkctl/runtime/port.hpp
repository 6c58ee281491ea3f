// TCP ports on 127.0.0.1: pick a free one, check one is free, wait for one
// to accept connections. Servers sparkctl starts listen on 127.0.0.1 only.
#pragma once

#include <chrono>

namespace sparkctl::runtime {

// A port the kernel considers free right now (bind 127.0.0.1:0).
int pick_free_port();
// True if nothing listens on 127.0.0.1:port and we could bind it.
bool port_free(int port);
// True if a TCP connection to 127.0.0.1:port succeeds within `timeout`.
bool port_accepts(int port, std::chrono::milliseconds timeout = std::chrono::milliseconds(200));

}  // namespace sparkctl::runtime
