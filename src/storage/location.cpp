#include "sparkctl/storage/location.hpp"

#include <filesystem>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::storage {

namespace {

std::string scheme_of(const std::string& uri) {
  auto pos = uri.find("://");
  return pos == std::string::npos ? std::string() : strings::to_lower(uri.substr(0, pos));
}

Location classify(std::string uri) {
  auto scheme = scheme_of(uri);
  if (scheme.empty()) return {Scheme::local, uri};
  if (scheme == "file") return {Scheme::local, uri.substr(7)};
  if (scheme == "s3a") return {Scheme::s3a, uri};
  if (scheme == "s3") return {Scheme::s3a, "s3a" + uri.substr(2)};
  if (scheme == "gs") return {Scheme::gs, uri};
  throw Error::usage("unsupported storage URI '" + uri +
                     "': use a local path, file://, s3a://bucket/key or gs://bucket/key");
}

}  // namespace

Location resolve(const std::string& base_uri, const std::string& path,
                 const std::string& local_root) {
  if (path.empty() && base_uri.empty())
    throw Error::usage("no storage path configured (storage.input_path / storage.output_path)");
  if (!scheme_of(path).empty() || strings::starts_with(path, "/")) return classify(path);
  std::string joined = path;
  if (!base_uri.empty()) {
    std::string base = base_uri;
    while (!base.empty() && base.back() == '/') base.pop_back();
    joined = path.empty() ? base : base + "/" + path;
    if (!scheme_of(joined).empty() || strings::starts_with(joined, "/")) return classify(joined);
  }
  // A relative local path: from the project root, not wherever the user
  // stands; normalized so messages show /work/shared/..., not /work/main/../shared/...
  const std::string local = local_root.empty() ? joined : local_root + "/" + joined;
  return {Scheme::local, std::filesystem::path(local).lexically_normal().string()};
}

}  // namespace sparkctl::storage
