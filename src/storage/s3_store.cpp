// Objects of an S3 bucket: HEAD for stat, one PUT for a small file, a
// multipart upload for a large one. Every body carries a Content-MD5 the
// store checks, a whole file also its sha256 (x-amz-content-sha256, which
// the store checks too, and kept as metadata for stat). The parts of a
// multipart upload go a few at a time (parts_in_flight.hpp); one that fails
// stops the others and the upload is aborted, so the store keeps no parts
// nobody will complete.
#include "sparkctl/storage/s3_store.hpp"

#include <algorithm>
#include <vector>

#include "digests.hpp"
#include "parts_in_flight.hpp"
#include "s3_client.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/atomic_file.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage {

namespace {

constexpr std::uint64_t max_parts = 10000;  // S3's limit per upload
constexpr const char* sha256_metadata = "x-amz-meta-sha256";

bool succeeded(const S3Response& response) { return response.status / 100 == 2; }

class S3Store : public ObjectStore {
 public:
  S3Store(S3Client client, S3UploadOptions options)
      : client_(std::move(client)), options_(options) {}

  std::optional<ObjectInfo> stat(const std::string& key) override {
    auto head = client_.send(S3Request("HEAD", key));
    if (succeeded(head)) return info_of(head);
    // A HEAD answer has no body: ask once more with GET for the store's
    // reason, which also tells a missing key from a missing bucket.
    S3Request get("GET", key);
    get.headers = {"Range: bytes=0-0"};
    auto why = client_.send(get);
    if (why.status == 404 && xml_element(why.body, "Code") != "NoSuchBucket") return std::nullopt;
    if (succeeded(why)) return stat(key);  // it arrived between the two requests
    throw refused("cannot read", key, why.status == 416 ? head : why);
  }

  void get(const std::string& key, const std::filesystem::path& file) override {
    const auto response = client_.send(S3Request("GET", key));
    if (!succeeded(response)) throw refused("cannot read", key, response);
    write_file_atomically(file.string(), response.body);
  }

  void put(const std::string& key, const std::filesystem::path& file, const std::string& sha256,
           const UploadProgress& progress) override {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) throw Error::usage("cannot read " + file.string() + ": " + error.message());
    if (size < options_.multipart_threshold) {
      put_whole(key, file, size, sha256, progress);
    } else {
      put_in_parts(key, file, size, sha256, progress);
    }
  }

 private:
  static ObjectInfo info_of(const S3Response& head) {
    ObjectInfo info;
    if (auto length = head.headers.find("content-length"); length != head.headers.end()) {
      info.size = std::stoull(length->second);
    }
    if (auto sha = head.headers.find(sha256_metadata); sha != head.headers.end()) {
      info.sha256 = sha->second;
    }
    return info;
  }

  Error refused(const std::string& what, const std::string& key, const S3Response& response) const {
    return Error::cluster(what + " " + client_.uri(key) + ": " + describe_failure(response));
  }

  void put_whole(const std::string& key, const std::filesystem::path& file, std::uint64_t size,
                 const std::string& sha256, const UploadProgress& progress) {
    const FileRange body{file, 0, size};
    S3Request request("PUT", key);
    request.upload = &body;
    request.headers = {"Content-Type: application/octet-stream",
                       "Content-MD5: " + file_range_md5_base64(file, 0, size),
                       "x-amz-content-sha256: " + sha256,
                       std::string(sha256_metadata) + ": " + sha256};
    if (progress) request.on_sent = [&](std::uint64_t sent) { progress(sent, size); };
    auto response = client_.send(request);
    if (!succeeded(response)) throw refused("cannot upload to", key, response);
  }

  void put_in_parts(const std::string& key, const std::filesystem::path& file, std::uint64_t size,
                    const std::string& sha256, const UploadProgress& progress) {
    const auto part_size = std::max(options_.part_size, (size + max_parts - 1) / max_parts);
    S3Request start("POST", key, "uploads=");
    start.headers = {"Content-Type: application/octet-stream",
                     std::string(sha256_metadata) + ": " + sha256};
    auto started = client_.send(start);
    const auto upload_id = xml_element(started.body, "UploadId");
    if (!succeeded(started) || upload_id.empty()) throw refused("cannot upload to", key, started);
    const auto upload_query = "uploadId=" + s3_escape(upload_id, false);
    try {
      std::vector<std::string> etags((size + part_size - 1) / part_size);
      PartsInFlight parts(size, progress);
      parts.run(etags.size(), options_.parts_in_flight, [&](std::size_t index) {
        const auto offset = index * part_size;
        const FileRange body{file, offset, std::min(part_size, size - offset)};
        etags[index] = put_part(key, upload_query, index + 1, body, parts);
      });
      // The parts are named in order, whichever order they arrived in.
      std::string listed;
      for (std::size_t index = 0; index < etags.size(); ++index) {
        listed += "<Part><PartNumber>" + std::to_string(index + 1) + "</PartNumber><ETag>" +
                  etags[index] + "</ETag></Part>";
      }
      S3Request complete("POST", key, upload_query);
      complete.headers = {"Content-Type: application/xml"};
      complete.body = "<CompleteMultipartUpload>" + listed + "</CompleteMultipartUpload>";
      auto completed = client_.send(complete);
      // S3 may answer 200 and still fail: the error is then in the body.
      if (!succeeded(completed) || completed.body.find("<Error>") != std::string::npos)
        throw refused("cannot upload to", key, completed);
    } catch (...) {
      // run() has waited for every part: none can arrive after the abort
      // and be kept.
      abort_upload(key, upload_query);
      throw;
    }
  }

  // One part, on a thread of `parts`: its Content-MD5 is computed here, so
  // it overlaps with the other parts' sending. Returns the part's ETag.
  std::string put_part(const std::string& key, const std::string& upload_query,
                       std::uint64_t number, const FileRange& body, PartsInFlight& parts) const {
    S3Request request("PUT", key, "partNumber=" + std::to_string(number) + "&" + upload_query);
    request.upload = &body;
    request.headers = {"Content-MD5: " + file_range_md5_base64(body.file, body.offset, body.length),
                       "x-amz-content-sha256: UNSIGNED-PAYLOAD"};
    std::uint64_t reported = 0;
    request.on_sent = [&](std::uint64_t sent) {
      parts.sent(sent > reported ? sent - reported : 0);
      reported = std::max(reported, sent);
    };
    auto response = client_.send(request);
    const auto etag = response.headers.find("etag");
    if (!succeeded(response) || etag == response.headers.end())
      throw refused("cannot upload to", key, response);
    return etag->second;
  }

  // Best effort: the upload's own failure is what the user needs to see.
  void abort_upload(const std::string& key, const std::string& upload_query) noexcept {
    try {
      client_.send(S3Request("DELETE", key, upload_query));
    } catch (...) {
    }
  }

  S3Client client_;
  S3UploadOptions options_;
};

S3Endpoint endpoint_of(const config::Config& config) {
  S3Endpoint endpoint;
  endpoint.region = config.get_string(config::keys::storage_s3_region);
  if (endpoint.region.empty()) endpoint.region = "us-east-1";
  endpoint.url = config.get_string(config::keys::storage_s3_endpoint);
  if (endpoint.url.empty()) endpoint.url = "https://s3." + endpoint.region + ".amazonaws.com";
  if (endpoint.url.find("://") == std::string::npos) endpoint.url = "https://" + endpoint.url;
  while (!endpoint.url.empty() && endpoint.url.back() == '/') endpoint.url.pop_back();
  endpoint.path_style = config.get_bool(config::keys::storage_s3_path_style);
  return endpoint;
}

}  // namespace

std::unique_ptr<ObjectStore> open_s3_store(const std::string& bucket, const config::Config& config,
                                           S3UploadOptions options) {
  return std::make_unique<S3Store>(
      S3Client(endpoint_of(config), bucket, find_s3_credentials(config)), options);
}

}  // namespace sparkctl::storage
