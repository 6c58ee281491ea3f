// GCS JSON API: objects.get for stat, uploads in one multipart request or a
// resumable session. Each upload declares the file's MD5 in its metadata,
// so GCS verifies the bytes it stored and refuses the object otherwise;
// the caller's sha256 rides along as custom metadata, which stat returns.
#include "gcs_store.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "answer_text.hpp"
#include "gcs_auth.hpp"
#include "http_call.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/atomic_file.hpp"
#include "sparkctl/core/base64.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/secret_token.hpp"

namespace sparkctl::storage {

namespace {

constexpr const char* kGoogleEndpoint = "https://storage.googleapis.com";
constexpr const char* kSha256MetadataKey = "sparkctl-sha256";

struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// Reads `file` from `offset` on: `length` bytes, or what is left.
std::string read_range(const std::filesystem::path& file, std::uint64_t offset,
                       std::uint64_t length) {
  std::ifstream in(file, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::string bytes(length, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (!in) throw Error::cluster("cannot read " + file.string() + " while uploading it");
  return bytes;
}

// The base64 MD5 of a file, as GCS's md5Hash field has it.
std::string file_md5_base64(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error::usage("cannot read " + file.string());
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr);
  std::string buffer(1 << 16, '\0');
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  return base64_encode(std::string(reinterpret_cast<const char*>(digest), length));
}

// A non-negative decimal number, nullopt for anything else.
std::optional<std::uint64_t> decimal(const std::string& text) {
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoull(text);
}

// GCS's error answer: {"error": {"code": 403, "message": "..."}}.
std::string server_message(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    const auto error = json.find("error");
    if (error != json.end() && error->is_object()) {
      const auto message = error->find("message");
      if (message != error->end() && message->is_string()) return message->get<std::string>();
    }
  }
  return first_line(body);
}

class GcsStore : public ObjectStore {
 public:
  GcsStore(std::string bucket, const config::Config& config, GcsUploadSizes sizes)
      : bucket_(std::move(bucket)), auth_(config), sizes_(sizes) {
    endpoint_ = config.get_string(config::keys::storage_gcs_endpoint);
    if (endpoint_.empty()) endpoint_ = kGoogleEndpoint;
    while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
  }

  std::optional<ObjectInfo> stat(const std::string& key) override {
    auto request = authorized(
        "GET", endpoint_ + "/storage/v1/b/" + http::escape(bucket_) + "/o/" + http::escape(key));
    request.timeout_seconds = 60;
    const auto response = send(request, "cannot read " + uri(key));
    if (response.status == 404) return std::nullopt;
    if (response.status != 200) fail("cannot read " + uri(key), response);
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    // the JSON API sends the 64-bit size as a decimal string
    const auto size = decimal(string_field(json, "size"));
    if (!size)
      throw Error::cluster("cannot read " + uri(key) + ": the answer holds no object size");
    ObjectInfo info;
    info.size = *size;
    if (json.is_object())
      info.sha256 = string_field(json.value("metadata", nlohmann::json()), kSha256MetadataKey);
    return info;
  }

  void get(const std::string& key, const std::filesystem::path& file) override {
    const auto request = authorized("GET", endpoint_ + "/storage/v1/b/" + http::escape(bucket_) +
                                               "/o/" + http::escape(key) + "?alt=media");
    const auto response = send(request, "cannot read " + uri(key));
    if (response.status != 200) fail("cannot read " + uri(key), response);
    write_file_atomically(file.string(), response.body);
  }

  void put(const std::string& key, const std::filesystem::path& file, const std::string& sha256,
           const UploadProgress& progress) override {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) throw Error::usage("cannot read " + file.string() + ": " + ec.message());
    const nlohmann::json metadata = {{"name", key},
                                     {"md5Hash", file_md5_base64(file)},
                                     {"metadata", {{kSha256MetadataKey, sha256}}}};
    if (size < sizes_.resumable_from) {
      put_multipart(key, file, size, metadata.dump(), progress);
    } else {
      put_resumable(key, file, size, metadata.dump(), progress);
    }
    if (progress) progress(size, size);
  }

 private:
  std::string uri(const std::string& key) const { return "gs://" + bucket_ + "/" + key; }
  std::string upload_url(const char* type) const {
    return endpoint_ + "/upload/storage/v1/b/" + http::escape(bucket_) + "/o?uploadType=" + type;
  }

  http::Request authorized(const char* method, std::string url) {
    http::Request request;
    request.method = method;
    request.url = std::move(url);
    if (auto line = auth_.header_line(); !line.empty()) request.headers.push_back(std::move(line));
    return request;
  }

  // The answer, or Error::cluster `what` when none came.
  http::Response send(const http::Request& request, const std::string& what) {
    auto response = http::perform(request);
    if (response.status == 0) {
      throw Error::cluster(what + ": cannot reach GCS at " + endpoint_ + ": " + response.failure);
    }
    return response;
  }

  [[noreturn]] static void fail(const std::string& what, const http::Response& response) {
    throw Error::cluster(what + ": " + server_message(response.body) + " (HTTP " +
                         std::to_string(response.status) + ")");
  }

  static std::function<void(std::uint64_t)> report_from(std::uint64_t offset, std::uint64_t size,
                                                        const UploadProgress& progress) {
    if (!progress) return {};
    return [=](std::uint64_t sent) { progress(std::min(offset + sent, size), size); };
  }

  void put_multipart(const std::string& key, const std::filesystem::path& file, std::uint64_t size,
                     const std::string& metadata, const UploadProgress& progress) {
    // a random boundary cannot occur in the file by accident
    const std::string boundary = "sparkctl-" + random_secret_token();
    auto request = authorized("POST", upload_url("multipart"));
    request.headers.push_back("Content-Type: multipart/related; boundary=" + boundary);
    request.body = "--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" +
                   metadata + "\r\n--" + boundary +
                   "\r\nContent-Type: application/octet-stream\r\n\r\n" +
                   read_range(file, 0, size) + "\r\n--" + boundary + "--\r\n";
    request.on_sent = report_from(0, size, progress);
    const auto what = "cannot upload to " + uri(key);
    const auto response = send(request, what);
    if (response.status != 200) fail(what, response);
  }

  void put_resumable(const std::string& key, const std::filesystem::path& file, std::uint64_t size,
                     const std::string& metadata, const UploadProgress& progress) {
    const auto what = "cannot upload to " + uri(key);
    auto start = authorized("POST", upload_url("resumable"));
    start.headers.push_back("Content-Type: application/json; charset=UTF-8");
    start.headers.push_back("X-Upload-Content-Type: application/octet-stream");
    start.headers.push_back("X-Upload-Content-Length: " + std::to_string(size));
    start.body = metadata;
    start.timeout_seconds = 60;
    const auto started = send(start, what);
    if (started.status != 200) fail(what, started);
    const auto location = started.headers.find("location");
    if (location == started.headers.end()) throw Error::cluster(what + ": no upload session URL");
    // The session URL lets anyone holding it write the object: never shown.
    const std::string session = location->second;
    try {
      send_chunks(session, file, size, what, progress);
    } catch (...) {
      cancel(session);
      throw;
    }
  }

  void send_chunks(const std::string& session, const std::filesystem::path& file,
                   std::uint64_t size, const std::string& what, const UploadProgress& progress) {
    std::uint64_t offset = 0;
    while (true) {
      const auto length = std::min(sizes_.chunk, size - offset);
      http::Request chunk;
      chunk.method = "PUT";
      chunk.url = session;
      chunk.body = read_range(file, offset, length);
      chunk.headers.push_back("Content-Range: bytes " + std::to_string(offset) + "-" +
                              std::to_string(offset + length - 1) + "/" + std::to_string(size));
      chunk.on_sent = report_from(offset, size, progress);
      const auto response = send(chunk, what);
      if (response.status == 200 || response.status == 201) return;
      if (response.status != 308) fail(what, response);
      // 308: more to send, from after what the server kept ("Range: bytes=0-N")
      const auto range = response.headers.find("range");
      const auto last = range == response.headers.end()
                            ? std::nullopt
                            : decimal(range->second.substr(range->second.rfind('-') + 1));
      const std::uint64_t kept = last ? *last + 1 : 0;
      if (kept <= offset || kept >= size) {
        throw Error::cluster(what + ": the upload session did not keep the bytes sent");
      }
      offset = kept;
    }
  }

  // Ends a resumable session so GCS keeps nothing of it (answer 499).
  static void cancel(const std::string& session) {
    http::Request request;
    request.method = "DELETE";
    request.url = session;
    request.timeout_seconds = 30;
    http::perform(request);  // best effort: an unfinished session expires in a week anyway
  }

  std::string bucket_;
  std::string endpoint_;
  GcsAuth auth_;
  GcsUploadSizes sizes_;
};

}  // namespace

std::unique_ptr<ObjectStore> open_gcs_store(const std::string& bucket, const config::Config& config,
                                            const GcsUploadSizes& sizes) {
  return std::make_unique<GcsStore>(bucket, config, sizes);
}

}  // namespace sparkctl::storage
