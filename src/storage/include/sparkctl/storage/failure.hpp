// Why a read or write of a storage location failed, in words a user can act
// on. Spark reports storage trouble as Java exceptions (S3A's
// AccessDeniedException, UnknownHostException, Spark's PATH_NOT_FOUND ...)
// whose text runs to many lines; this turns it into a short cause such as
// "access denied (403)" for "cloud_etl: cannot read <uri>: <cause>".
#pragma once

#include <string>

namespace sparkctl::storage {

// `error_class` and `message` as Spark reported them (message may be the
// full multi-line text). Known causes get a fixed phrase; anything else
// becomes the first line of the message without Java class names, cut to
// a readable length.
std::string failure_cause(const std::string& error_class, const std::string& message);

}  // namespace sparkctl::storage
