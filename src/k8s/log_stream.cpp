// Pod logs: one GET on .../pods/<pod>/log, streamed chunk by chunk.
#include "client_impl.hpp"

namespace sparkctl::k8s {

void Client::stream_log(const std::string& ns, const std::string& pod, const std::string& container,
                        bool follow, const std::function<void(std::string_view)>& on_data) {
  std::string path = "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log";
  if (!container.empty()) path = with_query(path, "container", container);
  if (follow) path = with_query(path, "follow", "true");
  std::exception_ptr failure;
  Exchange ex;
  ex.path = path;
  ex.on_data = [&](std::string_view chunk) {
    try {
      on_data(chunk);
      return true;
    } catch (...) {  // never unwind through libcurl
      failure = std::current_exception();
      return false;
    }
  };
  CurlHandle h = new_curl_handle();
  Result r = impl_->exchange(h.get(), ex);  // retries only until the first byte is delivered
  if (failure) std::rethrow_exception(failure);
  if (r.code != CURLE_OK) impl_->unreachable(r);
  if (r.status < 200 || r.status >= 300) throw ApiError::from_response(r.status, r.body);
}

}  // namespace sparkctl::k8s
