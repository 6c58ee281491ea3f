// What a Client shares between its copies and the files that implement it
// (client.cpp, watch.cpp, log_stream.cpp, port_forward.cpp).
#pragma once

#include <mutex>
#include <string>

#include "sparkctl/k8s/client.hpp"
#include "transport.hpp"

namespace sparkctl::k8s {

struct Client::Impl {
  explicit Impl(RestConfig rc) : conn(std::move(rc)) {}

  Connection conn;
  std::string default_namespace;
  std::mutex mu;      // guards `handle`, reused so connections stay alive
  CurlHandle handle;  // for request(); streams open their own

  // One exchange with retries (429/5xx/connection, bounded) and one
  // credential refresh after a 401. Throws Error::cluster when the server
  // cannot be reached.
  Result exchange(CURL* h, const Exchange& ex);
  [[noreturn]] void unreachable(const Result& r) const;
};

// Adds `name=value` (value URL-escaped) to a path with or without a query.
std::string with_query(const std::string& path, const std::string& name, const std::string& value);

}  // namespace sparkctl::k8s
