// Client construction and the JSON verbs, with retries.
#include <spdlog/spdlog.h>

#include <thread>

#include "client_impl.hpp"
#include "retry.hpp"
#include "sparkctl/k8s/kubeconfig.hpp"

namespace sparkctl::k8s {

namespace {

bool ok(long status) { return status >= 200 && status < 300; }

nlohmann::json parse_json(const std::string& body, const std::string& what) {
  if (body.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) throw Error::cluster(what + ": the server's answer is not JSON");
  return j;
}

}  // namespace

std::string with_query(const std::string& path, const std::string& name, const std::string& value) {
  char* escaped = curl_easy_escape(nullptr, value.c_str(), int(value.size()));
  std::string out = path + (path.find('?') == std::string::npos ? "?" : "&") + name + "=" + escaped;
  curl_free(escaped);
  return out;
}

nlohmann::json Response::json() const { return parse_json(body, "HTTP " + std::to_string(status)); }

Result Client::Impl::exchange(CURL* h, const Exchange& ex) {
  Backoff backoff;
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    Result r = perform(h, conn, ex);
    std::optional<Millis> wait;
    if (r.code != CURLE_OK && !r.stopped) {
      if (r.streamed || !retryable_transport(r.code, ex.method) || attempt >= max_request_attempts)
        return r;
      wait = backoff.next();
    } else if (r.status == 401 && !refreshed && conn.credentials.invalidate()) {
      refreshed = true;
      --attempt;
      continue;
    } else {
      auto ra = r.headers.find("retry-after");
      bool has_ra = ra != r.headers.end();
      if (!retryable_status(r.status, ex.method, has_ra) || attempt >= max_request_attempts)
        return r;
      wait = has_ra ? parse_retry_after(ra->second) : backoff.next();
    }
    spdlog::debug("{} {}: {}; retrying in {} ms (attempt {}/{})", ex.method, ex.path,
                  r.code != CURLE_OK ? r.curl_error : "HTTP " + std::to_string(r.status),
                  wait->count(), attempt + 1, max_request_attempts);
    std::this_thread::sleep_for(*wait);
  }
}

void Client::Impl::unreachable(const Result& r) const {
  throw Error::cluster("cannot reach the Kubernetes API server " + conn.config.server + ": " +
                       r.curl_error + " [" + conn.config.source + "]");
}

Client Client::connect(const ClientOptions& options) {
  RestConfig rc =
      load_rest_config(LoadingRules::from_environment(options.kubeconfig), options.context);
  auto impl = std::make_shared<Impl>(rc);
  impl->default_namespace = choose_namespace(rc, options.namespace_override);
  impl->handle = new_curl_handle();
  spdlog::debug("Kubernetes API server {} from {}, namespace {}", rc.server, rc.source,
                impl->default_namespace);
  return Client(std::move(impl));
}

const std::string& Client::default_namespace() const { return impl_->default_namespace; }
const std::string& Client::server() const { return impl_->conn.config.server; }

Response Client::request(const std::string& method, const std::string& path,
                         const std::string& body, const std::string& content_type) {
  Exchange ex;
  ex.method = method;
  ex.path = path;
  ex.body = body;
  ex.content_type = content_type;
  ex.timeout_seconds = 60;
  std::lock_guard lock(impl_->mu);
  Result r = impl_->exchange(impl_->handle.get(), ex);
  if (r.code != CURLE_OK) impl_->unreachable(r);
  return Response{r.status, std::move(r.body), std::move(r.headers)};
}

namespace {

nlohmann::json checked(Response r) {
  if (!ok(r.status)) throw ApiError::from_response(r.status, r.body);
  return r.json();
}

}  // namespace

nlohmann::json Client::get(const std::string& path) {
  return checked(request("GET", path, "", ""));
}

nlohmann::json Client::create(const std::string& path, const nlohmann::json& body,
                              bool dry_run_server) {
  return checked(request("POST", dry_run_server ? with_query(path, "dryRun", "All") : path,
                         body.dump(), "application/json"));
}

nlohmann::json Client::patch(const std::string& path, const nlohmann::json& body,
                             const std::string& content_type) {
  return checked(request("PATCH", path, body.dump(), content_type));
}

nlohmann::json Client::replace(const std::string& path, const nlohmann::json& body) {
  return checked(request("PUT", path, body.dump(), "application/json"));
}

nlohmann::json Client::remove(const std::string& path, const nlohmann::json& options) {
  bool has_options = !options.is_null() && !options.empty();
  return checked(request("DELETE", path, has_options ? options.dump() : "",
                         has_options ? "application/json" : ""));
}

}  // namespace sparkctl::k8s
