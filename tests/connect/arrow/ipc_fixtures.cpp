#include "ipc_fixtures.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sparkctl::arrow::testing {
std::string python() {
  const char* env = std::getenv("SPARKCTL_PYTHON");
  return env != nullptr && *env != '\0' ? env : SPARKCTL_PYTHON_DEFAULT;
}

namespace {

std::string& failure() {
  static std::string why;
  return why;
}

std::string make_fixtures() {
  char dir_template[] = "/tmp/sparkctl-arrow-fixtures-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) {
    failure() = "cannot create a temporary directory";
    return "";
  }
  std::string command = "'" + python() + "' '" SPARKCTL_ARROW_FIXTURE_SCRIPT "' '" + dir + "'";
  if (std::system(command.c_str()) != 0) {
    failure() = "could not generate Arrow fixtures with pyarrow (" + command +
                "); set SPARKCTL_PYTHON to a python with pyarrow installed";
    return "";
  }
  return dir;
}

// The fixtures live as long as the test binary; the directory goes with it.
struct FixtureDir {
  std::string path = make_fixtures();
  ~FixtureDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

const std::string& fixture_dir() {
  static const FixtureDir dir;
  return dir.path;
}

bool load_fixture(const std::string& name, std::string& bytes, std::string& why_not) {
  if (fixture_dir().empty()) {
    why_not = failure();
    return false;
  }
  std::ifstream in(fixture_dir() + "/" + name, std::ios::binary);
  if (!in) {
    why_not = "fixture " + name + " is missing from " + fixture_dir();
    return false;
  }
  std::ostringstream content;
  content << in.rdbuf();
  bytes = content.str();
  return true;
}

std::string describe(const connect::Value& v) {
  using Kind = connect::Value::Kind;
  switch (v.kind()) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "bool:" + v.to_string();
    case Kind::integer:
      return "int:" + v.to_string();
    case Kind::floating:
      return "double:" + v.to_string();
    case Kind::string:
      return "str:" + v.as_string();
    case Kind::binary:
      return "bin:" + v.as_bytes().data;
    case Kind::decimal:
      return "dec(" + std::to_string(v.as_decimal().precision) + "," +
             std::to_string(v.as_decimal().scale) + "):" + v.to_string();
    case Kind::date:
      return "date:" + v.to_string();
    case Kind::timestamp:
      return "tstz:" + v.to_string();
    case Kind::timestamp_ntz:
      return "ts:" + v.to_string();
    default:
      return std::string(connect::Value::kind_name(v.kind())) + ":" + v.to_string();
  }
}

}  // namespace sparkctl::arrow::testing
