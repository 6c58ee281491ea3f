#include "sparkctl/k8s/api_error.hpp"

#include <nlohmann/json.hpp>

namespace sparkctl::k8s {

namespace {

// Reason phrases client-go uses when the body is not a Status.
std::string reason_for(long status) {
  switch (status) {
    case 400:
      return "BadRequest";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 405:
      return "MethodNotAllowed";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 415:
      return "UnsupportedMediaType";
    case 422:
      return "Invalid";
    case 429:
      return "TooManyRequests";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    case 504:
      return "Timeout";
    default:
      return "";
  }
}

}  // namespace

ApiError::ApiError(long status, std::string reason, std::string api_message,
                   std::vector<std::string> causes, const std::string& what_message)
    : Error(ErrorKind::cluster, what_message),
      status_(status),
      reason_(std::move(reason)),
      api_message_(std::move(api_message)),
      causes_(std::move(causes)) {}

ApiError ApiError::from_response(long status, const std::string& body) {
  std::string reason = reason_for(status);
  std::string message;
  std::vector<std::string> causes;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object() && j.value("kind", "") == "Status") {
    if (auto r = j.value("reason", ""); !r.empty()) reason = r;
    message = j.value("message", "");
    if (auto d = j.find("details"); d != j.end() && d->is_object()) {
      for (const auto& c : d->value("causes", nlohmann::json::array())) {
        std::string field = c.value("field", ""), msg = c.value("message", "");
        causes.push_back(field.empty() ? msg : field + ": " + msg);
      }
    }
  } else if (!body.empty() && body.size() < 512 && body.find('\0') == std::string::npos) {
    message = body;  // a proxy's or webhook's plain-text answer
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
      message.pop_back();
  }
  std::string what = message.empty() ? "the server answered HTTP " + std::to_string(status) +
                                           (reason.empty() ? "" : " (" + reason + ")")
                                     : message;
  if (status == 401 && message == "Unauthorized")
    what = "the server has asked for the client to provide credentials (Unauthorized)";
  return ApiError(status, reason, message, std::move(causes), what);
}

}  // namespace sparkctl::k8s
