// A non-2xx answer from the API server, with what its Status object said.
// Always ErrorKind::cluster (exit 3); callers phrase 403/404/409/422 for the user from
// status(), reason() and causes().
#pragma once

#include <string>
#include <vector>

#include "sparkctl/core/error.hpp"

namespace sparkctl::k8s {

class ApiError : public sparkctl::Error {
 public:
  ApiError(long status, std::string reason, std::string api_message,
           std::vector<std::string> causes, const std::string& what_message);

  // Builds the error from an HTTP status and response body (a
  // meta.k8s.io Status when the server sent one).
  static ApiError from_response(long status, const std::string& body);

  long status() const { return status_; }
  const std::string& reason() const { return reason_; }  // NotFound, AlreadyExists, ...
  const std::vector<std::string>& causes() const { return causes_; }  // "field: message"
  const std::string& api_message() const { return api_message_; }

 private:
  long status_;
  std::string reason_;
  std::string api_message_;
  std::vector<std::string> causes_;
};

}  // namespace sparkctl::k8s
