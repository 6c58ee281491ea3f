// Storage failures as short causes. One table, most specific entry first:
// each maps a text Spark or Hadoop puts into the error (an error class, a
// Java exception name, an S3 error code) to the phrase the user sees.
#include "sparkctl/storage/failure.hpp"

#include <regex>

namespace sparkctl::storage {

namespace {

struct KnownCause {
  const char* needle;  // found anywhere in "<error class> <message>"
  const char* cause;
};

constexpr KnownCause known_causes[] = {
    // S3 error codes first: they say more than the 403 around them.
    {"SignatureDoesNotMatch", "access denied: the secret key does not match (403)"},
    {"InvalidAccessKeyId", "access denied: unknown access key (403)"},
    {"NoSuchBucket", "no such bucket"},
    {"NoAuthWithAWSException",
     "no credentials: set storage.s3.access_key and storage.s3.secret_key"},
    {"AccessDeniedException", "access denied (403)"},
    {"Status Code: 403", "access denied (403)"},
    {"Forbidden", "access denied (403)"},
    {"Status Code: 401", "not authenticated (401)"},
    {"invalid_grant", "not authenticated: the key file was refused"},
    // Reaching the endpoint.
    {"UnknownHostException", "unknown host: check storage.s3.endpoint"},
    {"Connection refused", "cannot connect to the endpoint: connection refused"},
    {"connect timed out", "cannot connect to the endpoint: timed out"},
    {"ConnectTimeoutException", "cannot connect to the endpoint: timed out"},
    {"Unable to execute HTTP request", "cannot reach the endpoint"},
    // Missing connectors.
    {"S3AFileSystem not found",
     "the s3a connector is not on the Spark server: run scripts/fetch-connector-jars.sh"},
    {"GoogleHadoopFileSystem not found",
     "the gs connector is not on the Spark server: run scripts/fetch-connector-jars.sh"},
    {"No FileSystem for scheme", "no connector for this scheme on the Spark server"},
    // What is (not) there.
    {"PATH_NOT_FOUND", "no such file"},
    {"Path does not exist", "no such file"},
    {"FileNotFoundException", "no such file"},
    {"NoSuchKey", "no such object"},
    {"Permission denied", "permission denied"},
    // Content.
    {"MALFORMED_RECORD_IN_PARSING", "not valid CSV: a malformed record (mode FAILFAST)"},
    {"Malformed records", "not valid CSV: a malformed record (mode FAILFAST)"},
    {"UNABLE_TO_INFER_SCHEMA", "cannot infer a schema: is it empty?"},
};

constexpr std::size_t max_cause_length = 200;

// "[CLASS] java.io.IOException: text ..." -> "[CLASS] text ...", one line, cut short.
std::string first_line_without_java_names(const std::string& error_class,
                                          const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  static const std::regex java_name(
      R"((?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): )");
  line = std::regex_replace(line, java_name, "");
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  if (line.empty()) line = error_class.empty() ? "Spark gave no reason" : error_class;
  if (line.size() > max_cause_length) line = line.substr(0, max_cause_length - 3) + "...";
  return line;
}

}  // namespace

std::string failure_cause(const std::string& error_class, const std::string& message) {
  const std::string text = error_class + " " + message;
  for (const auto& known : known_causes) {
    if (text.find(known.needle) != std::string::npos) return known.cause;
  }
  return first_line_without_java_names(error_class, message);
}

}  // namespace sparkctl::storage
