// One SigV4-signed HTTP exchange with an S3 store over libcurl (curl signs
// with CURLOPT_AWS_SIGV4). Storage may not use the Kubernetes transport
// (src/k8s, another layer), and S3 needs none of its TLS and auth set-up,
// so this is a small use of libcurl of its own. Nothing is retried here.
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "s3_credentials.hpp"

namespace sparkctl::storage {

struct S3Endpoint {
  std::string url;         // scheme://host[:port], no trailing '/'
  std::string region;      // for the signature's scope
  bool path_style = true;  // /bucket/key, else bucket.host/key
};

// A byte range of a local file, sent as the request body.
struct FileRange {
  std::filesystem::path file;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};

struct S3Request {
  S3Request(std::string method_, std::string key_, std::string query_ = "")
      : method(std::move(method_)), key(std::move(key_)), query(std::move(query_)) {}

  std::string method;  // GET, HEAD, PUT (of `upload`), POST (of `body`), DELETE
  std::string key;     // object key ("" for the bucket itself), not yet escaped
  // Query in canonical order (sorted, escaped values, "name=" for no value:
  // Debian's libcurl 7.88 signs a bare "name" wrongly).
  std::string query;
  std::vector<std::string> headers;   // "Name: value"
  std::string body;                   // a POST's body
  const FileRange* upload = nullptr;  // a PUT's body
  // Bytes of the body sent so far; an exception thrown here stops the
  // exchange and is rethrown by send().
  std::function<void(std::uint64_t sent)> on_sent;
};

struct S3Response {
  long status = 0;
  std::string body;                            // what the store said (error XML, results)
  std::map<std::string, std::string> headers;  // names in lower case
};

class S3Client {
 public:
  S3Client(S3Endpoint endpoint, std::string bucket, S3Credentials credentials);

  // Throws Error::cluster naming the endpoint when it cannot be reached.
  S3Response send(const S3Request& request) const;

  // s3a://bucket/key, how messages name an object.
  std::string uri(const std::string& key) const;
  const std::string& endpoint_url() const { return endpoint_.url; }

 private:
  std::string url_of(const S3Request& request) const;

  S3Endpoint endpoint_;
  std::string bucket_;
  S3Credentials credentials_;
};

// Percent-encodes `text` as SigV4 canonical requests do: all but A-Z a-z
// 0-9 - _ . ~, and '/' too unless `keep_slash`.
std::string s3_escape(const std::string& text, bool keep_slash);

// The text of the first <tag>...</tag> in `xml` ("" when absent).
std::string xml_element(const std::string& xml, const std::string& tag);

// "Code: Message (HTTP 403)" from an error response, for messages.
std::string describe_failure(const S3Response& response);

}  // namespace sparkctl::storage
