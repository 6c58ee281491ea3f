#include "s3_client.hpp"

#include <curl/curl.h>

#include <fstream>
#include <memory>
#include <mutex>

#include "digests.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage {

namespace {

struct CurlCleanup {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::unique_ptr<CURL, CurlCleanup> new_handle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* h = curl_easy_init();
  if (!h) throw Error::cluster("cannot initialise libcurl");
  return std::unique_ptr<CURL, CurlCleanup>(h);
}

// What the callbacks of one exchange share. Callbacks run inside libcurl's
// C code, so they never throw: they keep the first exception and stop.
struct Exchange {
  const S3Request& request;
  S3Response& response;
  std::ifstream file;
  std::uint64_t left = 0;  // body bytes still to read from `file`
  std::exception_ptr failure;
  bool file_changed = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  ex->response.body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const std::string line(data, size * count);
  if (strings::starts_with(line, "HTTP/")) ex->response.headers.clear();  // after a 100 Continue
  if (auto colon = line.find(':'); colon != std::string::npos) {
    ex->response.headers[strings::to_lower(strings::trim(line.substr(0, colon)))] =
        strings::trim(line.substr(colon + 1));
  }
  return size * count;
}

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const auto wanted = std::min<std::uint64_t>(size * count, ex->left);
  if (wanted == 0) return 0;
  ex->file.read(buffer, static_cast<std::streamsize>(wanted));
  const auto got = static_cast<std::uint64_t>(ex->file.gcount());
  if (got == 0) {
    // The file is shorter than when the upload began: sending less than the
    // announced length would leave the store waiting.
    ex->file_changed = true;
    return CURL_READFUNC_ABORT;
  }
  ex->left -= got;
  return got;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t sent) {
  auto* ex = static_cast<Exchange*>(user);
  if (!ex->request.on_sent) return 0;
  try {
    ex->request.on_sent(static_cast<std::uint64_t>(sent));
    return 0;
  } catch (...) {
    ex->failure = std::current_exception();
    return 1;
  }
}

bool unreserved(char c, bool keep_slash) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || (keep_slash && c == '/');
}

}  // namespace

std::string s3_escape(const std::string& text, bool keep_slash) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (unreserved(static_cast<char>(c), keep_slash)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string xml_element(const std::string& xml, const std::string& tag) {
  const auto open = "<" + tag + ">";
  auto begin = xml.find(open);
  if (begin == std::string::npos) return "";
  begin += open.size();
  auto end = xml.find("</" + tag + ">", begin);
  return end == std::string::npos ? "" : xml.substr(begin, end - begin);
}

std::string describe_failure(const S3Response& response) {
  auto code = xml_element(response.body, "Code");
  auto message = xml_element(response.body, "Message");
  std::string said = code;
  if (!message.empty()) said += (said.empty() ? "" : ": ") + message;
  if (said.empty()) said = response.status == 404 ? "not found" : "refused";
  return said + " (HTTP " + std::to_string(response.status) + ")";
}

S3Client::S3Client(S3Endpoint endpoint, std::string bucket, S3Credentials credentials)
    : endpoint_(std::move(endpoint)),
      bucket_(std::move(bucket)),
      credentials_(std::move(credentials)) {}

std::string S3Client::uri(const std::string& key) const { return "s3a://" + bucket_ + "/" + key; }

std::string S3Client::url_of(const S3Request& request) const {
  std::string url;
  if (endpoint_.path_style) {
    url = endpoint_.url + "/" + s3_escape(bucket_, false);
  } else {
    auto scheme_end = endpoint_.url.find("://");
    auto host_at = scheme_end == std::string::npos ? 0 : scheme_end + 3;
    url = endpoint_.url.substr(0, host_at) + bucket_ + "." + endpoint_.url.substr(host_at);
  }
  url += "/" + s3_escape(request.key, true);
  if (!request.query.empty()) url += "?" + request.query;
  return url;
}

S3Response S3Client::send(const S3Request& request) const {
  S3Response response;
  Exchange ex{request, response, {}, 0, nullptr, false};
  auto handle = new_handle();
  CURL* h = handle.get();

  const auto url = url_of(request);
  const auto sigv4 = "aws:amz:" + endpoint_.region + ":s3";
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(h, CURLOPT_USERNAME, credentials_.access_key.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, credentials_.secret_key.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "sparkctl");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  // A store that stops answering mid-transfer: give up after a minute of silence.
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &ex);

  curl_slist* list = nullptr;
  bool payload_hashed = false;
  for (const auto& header : request.headers) {
    list = curl_slist_append(list, header.c_str());
    payload_hashed |= strings::starts_with(strings::to_lower(header), "x-amz-content-sha256:");
  }
  // libcurl 7.88 signs with this header's value but does not send it
  // itself, and S3 (and S3Proxy) want it on every request.
  if (!payload_hashed) {
    list = curl_slist_append(list, ("x-amz-content-sha256: " + sha256_hex(request.body)).c_str());
  }
  if (!credentials_.session_token.empty()) {
    list = curl_slist_append(list, ("x-amz-security-token: " + credentials_.session_token).c_str());
  }
  std::unique_ptr<curl_slist, SlistCleanup> headers(list);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);

  if (request.upload) {
    ex.file.open(request.upload->file, std::ios::binary);
    if (!ex.file) throw Error::usage("cannot read " + request.upload->file.string());
    ex.file.seekg(static_cast<std::streamoff>(request.upload->offset));
    ex.left = request.upload->length;
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &ex);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(ex.left));
  } else if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  if (request.method == "DELETE") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  char error_text[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode code = curl_easy_perform(h);
  if (ex.failure) std::rethrow_exception(ex.failure);
  if (ex.file_changed) {
    throw Error::usage(request.upload->file.string() + " changed while it was being uploaded");
  }
  if (code != CURLE_OK) {
    throw Error::cluster("cannot reach the S3 endpoint " + endpoint_.url + ": " +
                         (error_text[0] ? error_text : curl_easy_strerror(code)));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace sparkctl::storage
