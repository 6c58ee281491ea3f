// libcurl's easy interface, one handle per request: the stores send few,
// large requests, so keeping connections would buy little.
#include "http_call.hpp"

#include <curl/curl.h>

#include <exception>
#include <memory>
#include <mutex>

#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage::http {

namespace {

struct CurlCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

CURL* new_handle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return curl_easy_init();
}

struct Transfer {
  const Request* request = nullptr;
  Response* response = nullptr;
  std::exception_ptr thrown;  // from on_sent, rethrown after curl_easy_perform
};

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Transfer*>(user)->response->body.append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* user) {
  const std::string line(data, size * count);
  if (const auto colon = line.find(':'); colon != std::string::npos) {
    static_cast<Transfer*>(user)->response->headers[strings::to_lower(line.substr(0, colon))] =
        strings::trim(line.substr(colon + 1));
  }
  return size * count;
}

int report_sent(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t sent) {
  auto* transfer = static_cast<Transfer*>(user);
  try {
    transfer->request->on_sent(static_cast<std::uint64_t>(sent));
    return 0;
  } catch (...) {
    // An exception must not cross libcurl's C frames: stop, rethrow later.
    transfer->thrown = std::current_exception();
    return 1;
  }
}

}  // namespace

Response perform(const Request& request) {
  Response response;
  Transfer transfer{&request, &response, nullptr};
  std::unique_ptr<CURL, CurlCleanup> h(new_handle());
  if (!h) {
    response.failure = "libcurl could not start a request";
    return response;
  }
  std::unique_ptr<curl_slist, ListCleanup> headers;
  for (const auto& line : request.headers) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  // curl would add "Expect: 100-continue" to large bodies, a round trip more
  headers.reset(curl_slist_append(headers.release(), "Expect:"));

  CURL* c = h.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_seconds);
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
  if (request.on_sent) {
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, report_sent);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);
  }

  const CURLcode code = curl_easy_perform(c);
  if (transfer.thrown) std::rethrow_exception(transfer.thrown);
  if (code != CURLE_OK) {
    response.failure = curl_easy_strerror(code);
    response.status = 0;
    return response;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

std::string escape(const std::string& text) {
  std::unique_ptr<CURL, CurlCleanup> h(new_handle());
  char* escaped = curl_easy_escape(h.get(), text.data(), static_cast<int>(text.size()));
  std::string result = escaped ? escaped : "";
  curl_free(escaped);
  return result;
}

}  // namespace sparkctl::storage::http
