// API errors in the user's words: which verb on which resource was
// refused, how to install the operator, which fields are invalid. Every
// typed operation (applications.hpp, pods.hpp, ...) goes through
// api_call, so no caller ever sees a raw ApiError.
#pragma once

#include <string>

#include "sparkctl/k8s/api_error.hpp"

namespace sparkctl::k8s {

// One API call: `verb` is the RBAC verb (create, get, list, watch, delete,
// patch), `name` "" for collections, `namespace_` "" for cluster objects.
struct ApiAction {
  std::string verb;
  std::string resource;  // plural: "sparkapplications", "pods", "secrets", ...
  std::string namespace_;
  std::string name;
};

// The sparkctl::Error for `error` answering `action` on `server`: 401 and
// 403 say who was refused what, 404 a missing namespace, object or CRD,
// 409 an existing object, 422 the invalid fields (a usage error).
[[noreturn]] void explain(const ApiError& error, const ApiAction& action,
                          const std::string& server);

template <typename Call>
auto api_call(const std::string& server, const ApiAction& action, Call&& call) {
  try {
    return call();
  } catch (const ApiError& error) {
    explain(error, action, server);
  }
}

}  // namespace sparkctl::k8s
