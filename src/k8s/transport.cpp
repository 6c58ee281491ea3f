#include "transport.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <mutex>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::k8s {

namespace {

struct State {
  const Exchange* ex;
  Result* result;
  CURL* h;
};

size_t on_write(char* ptr, size_t size, size_t n, void* user) {
  auto* st = static_cast<State*>(user);
  size_t len = size * n;
  long code = 0;
  curl_easy_getinfo(st->h, CURLINFO_RESPONSE_CODE, &code);
  if (!st->ex->on_data || code < 200 || code >= 300) {
    st->result->body.append(ptr, len);
    return len;
  }
  st->result->streamed = true;
  if (!st->ex->on_data(std::string_view(ptr, len))) {
    st->result->stopped = true;
    return 0;  // aborts with CURLE_WRITE_ERROR
  }
  return len;
}

size_t on_header(char* ptr, size_t size, size_t n, void* user) {
  auto* st = static_cast<State*>(user);
  std::string line(ptr, size * n);
  if (line.rfind("HTTP/", 0) == 0)
    st->result->headers.clear();  // a new response (after 100/redirect)
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = strings::to_lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    auto b = value.find_first_not_of(" \t");
    auto e = value.find_last_not_of(" \t\r\n");
    st->result->headers[name] = b == std::string::npos ? "" : value.substr(b, e - b + 1);
  }
  return size * n;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* st = static_cast<State*>(user);
  if (st->ex->keep_going && !st->ex->keep_going()) {
    st->result->stopped = true;
    return 1;
  }
  return 0;
}

// libcurl's wire trace at spdlog trace level, with credentials masked by
// header name and, should a secret turn up elsewhere, by value.
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  const auto* credentials = static_cast<const Credentials*>(user);
  if (type != CURLINFO_HEADER_OUT && type != CURLINFO_HEADER_IN && type != CURLINFO_TEXT) return 0;
  std::string_view text(data, size);
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      std::string masked = credentials->scrub(mask_header_line(line));
      spdlog::trace("curl {} {}",
                    type == CURLINFO_HEADER_OUT  ? ">"
                    : type == CURLINFO_HEADER_IN ? "<"
                                                 : "*",
                    masked);
    }
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return 0;
}

void set_blob(CURL* h, CURLoption opt, const std::string& data) {
  curl_blob blob{const_cast<char*>(data.data()), data.size(), CURL_BLOB_COPY};
  curl_easy_setopt(h, opt, &blob);
}

}  // namespace

CurlHandle new_curl_handle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* h = curl_easy_init();
  if (!h) throw Error::cluster("cannot initialise libcurl");
  return CurlHandle(h);
}

std::string mask_header_line(std::string_view line) {
  // Anywhere in the line: HTTP/2 traces read "h2h3 [authorization: Bearer x]".
  static const std::string_view secret_headers[] = {
      "proxy-authorization:", "authorization:", "set-cookie:", "cookie:"};
  std::string out(line);
  std::string lower = strings::to_lower(line);
  for (auto name : secret_headers) {
    auto at = lower.find(name);
    if (at == std::string::npos) continue;
    size_t value = lower.find_first_not_of(' ', at + name.size());
    if (value == std::string::npos) return out;
    size_t end = lower.find(']', value);  // the HTTP/2 trace's bracket, else end of line
    if (end == std::string::npos) end = lower.size();
    size_t space = lower.find(' ', value);  // keep "Bearer"/"Basic", drop the secret
    size_t secret = space != std::string::npos && space < end ? space + 1 : value;
    return out.substr(0, secret) + "<masked>" + out.substr(end);
  }
  return out;
}

void configure_connection(CURL* h, const Connection& conn, const AuthMaterial& auth,
                          curl_slist** headers) {
  const ClusterEntry& c = conn.config.cluster;
  if (c.insecure_skip_tls_verify) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!c.certificate_authority_data.empty()) {
    set_blob(h, CURLOPT_CAINFO_BLOB, c.certificate_authority_data);
  } else if (!c.certificate_authority.empty()) {
    curl_easy_setopt(h, CURLOPT_CAINFO, c.certificate_authority.c_str());
  }
  if (!c.proxy_url.empty()) curl_easy_setopt(h, CURLOPT_PROXY, c.proxy_url.c_str());

  if (!auth.cert_pem.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
    set_blob(h, CURLOPT_SSLCERT_BLOB, auth.cert_pem);
  } else if (!auth.cert_file.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLCERT, auth.cert_file.c_str());
  }
  if (!auth.key_pem.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
    set_blob(h, CURLOPT_SSLKEY_BLOB, auth.key_pem);
  } else if (!auth.key_file.empty()) {
    curl_easy_setopt(h, CURLOPT_SSLKEY, auth.key_file.c_str());
  }
  if (!auth.bearer_token.empty()) {
    *headers = curl_slist_append(*headers, ("Authorization: Bearer " + auth.bearer_token).c_str());
  } else if (!auth.username.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, auth.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, auth.password.c_str());
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "sparkctl");
  if (spdlog::should_log(spdlog::level::trace)) {
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &conn.credentials);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  }
}

// tls-server-name: address the URL to that name (so it is what TLS verifies
// and sends as SNI) and pin the name to the server's real host and port.
std::string request_url(CURL* h, const Connection& conn, const std::string& path,
                        curl_slist** connect_to) {
  const std::string url = conn.url(path);
  const std::string& name = conn.config.cluster.tls_server_name;
  if (name.empty()) return url;
  std::string out = url;
  CURLU* u = curl_url();
  char *host = nullptr, *port = nullptr, *renamed = nullptr;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
      curl_url_set(u, CURLUPART_HOST, name.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_URL, &renamed, 0) == CURLUE_OK) {
    *connect_to =
        curl_slist_append(*connect_to, (name + ":" + port + ":" + host + ":" + port).c_str());
    curl_easy_setopt(h, CURLOPT_CONNECT_TO, *connect_to);
    out = renamed;
  }
  curl_free(host);
  curl_free(port);
  curl_free(renamed);
  curl_url_cleanup(u);
  return out;
}

Result perform(CURL* h, Connection& conn, const Exchange& ex) {
  curl_easy_reset(h);
  Result result;
  AuthMaterial auth = conn.credentials.current();
  curl_slist* headers = nullptr;
  curl_slist* connect_to = nullptr;
  configure_connection(h, conn, auth, &headers);
  const std::string url = conn.url(ex.path);
  curl_easy_setopt(h, CURLOPT_URL, request_url(h, conn, ex.path, &connect_to).c_str());
  headers = curl_slist_append(headers, "Accept: application/json");
  if (!ex.content_type.empty())
    headers = curl_slist_append(headers, ("Content-Type: " + ex.content_type).c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  if (ex.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, ex.method.c_str());
    if (!ex.body.empty() || ex.method != "DELETE") {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, ex.body.data());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(ex.body.size()));
    }
  }
  if (ex.timeout_seconds > 0) curl_easy_setopt(h, CURLOPT_TIMEOUT, ex.timeout_seconds);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  State st{&ex, &result, h};
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &st);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &st);
  if (ex.keep_going) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &st);
  }
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip if the server offers it

  auto start = std::chrono::steady_clock::now();
  result.code = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(headers);
  curl_slist_free_all(connect_to);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  if (result.code != CURLE_OK && !result.stopped)
    result.curl_error = errbuf[0] ? errbuf : curl_easy_strerror(result.code);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  if (result.code == CURLE_OK || result.stopped)
    spdlog::debug("{} {} {} in {} ms ({})", ex.method, url, result.status, ms, auth.describe());
  else
    spdlog::debug("{} {} failed after {} ms: {}", ex.method, url, ms, result.curl_error);
  return result;
}

}  // namespace sparkctl::k8s
