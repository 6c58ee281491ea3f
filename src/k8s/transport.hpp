// One HTTP exchange with the API server over libcurl: TLS and auth set up
// from the RestConfig, the body collected or streamed, nothing retried.
// Retries live in client.cpp, resumption in watch.cpp.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "credentials.hpp"
#include "sparkctl/k8s/kubeconfig.hpp"

namespace sparkctl::k8s {

struct CurlCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
using CurlHandle = std::unique_ptr<CURL, CurlCleanup>;
CurlHandle new_curl_handle();  // also runs curl_global_init once

// The connection side of a client: where, how to trust it, who we are.
struct Connection {
  RestConfig config;
  Credentials credentials;
  Connection(RestConfig rc) : config(rc), credentials(rc.user, rc.cluster) {}
  std::string url(const std::string& path) const { return config.server + path; }
};

// Sets TLS (CA, client certificate, verification), proxy, tls-server-name
// and HTTP auth on `h` for `auth`. `headers` receives the Authorization line.
void configure_connection(CURL* h, const Connection& conn, const AuthMaterial& auth,
                          curl_slist** headers);

// The URL to ask for `path`; with tls-server-name set, the URL names that
// host and `*connect_to` pins it to the server's address (free it after).
std::string request_url(CURL* h, const Connection& conn, const std::string& path,
                        curl_slist** connect_to);

struct Exchange {
  std::string method = "GET";
  std::string path;  // absolute API path with query
  std::string body;
  std::string content_type;
  long timeout_seconds = 0;  // 0: none (streams)
  // When set, 2xx body bytes go here instead of into the result; returning
  // false stops the transfer. Non-2xx bodies are always collected.
  std::function<bool(std::string_view)> on_data;
  // Polled about once a second and on each chunk; false stops the transfer.
  std::function<bool()> keep_going;
};

struct Result {
  CURLcode code = CURLE_OK;
  std::string curl_error;  // libcurl's message when code != OK
  bool stopped = false;    // on_data or keep_going ended it
  bool streamed = false;   // on_data saw bytes (a retry would repeat them)
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

// Performs one exchange on `h` (reset first, connections kept).
Result perform(CURL* h, Connection& conn, const Exchange& ex);

// The request's Authorization value with the secret replaced, for logs.
std::string mask_header_line(std::string_view line);

}  // namespace sparkctl::k8s
