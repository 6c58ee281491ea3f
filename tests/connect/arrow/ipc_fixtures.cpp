#include "ipc_fixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <variant>

namespace sparkctl::arrow::testing {
namespace {

std::string python() {
  const char* env = std::getenv("SPARKCTL_PYTHON");
  return env != nullptr && *env != '\0' ? env : SPARKCTL_PYTHON_DEFAULT;
}

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

}  // namespace

const std::string& fixture_dir() {
  static const std::string dir = make_fixtures();
  return dir;
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

std::string describe(const Value& v) {
  struct Describe {
    std::string operator()(std::monostate) const { return "null"; }
    std::string operator()(bool) const { return "bool:"; }
    std::string operator()(int64_t) const { return "int:"; }
    std::string operator()(double) const { return "double:"; }
    std::string operator()(const std::string&) const { return "str:"; }
    std::string operator()(const Decimal& d) const {
      return "dec(" + std::to_string(d.precision) + "," + std::to_string(d.scale) + "):";
    }
    std::string operator()(const Date&) const { return "date:"; }
    std::string operator()(const Timestamp& t) const { return t.has_timezone ? "tstz:" : "ts:"; }
  };
  if (std::holds_alternative<std::monostate>(v)) return "null";
  return std::visit(Describe{}, v) + to_string(v);
}

}  // namespace sparkctl::arrow::testing
