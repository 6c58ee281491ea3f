#include "sparkctl/runtime/user_application.hpp"

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::runtime {

AppLanguage language_of(const std::string& main_file) {
  const std::string lower = strings::to_lower(main_file);
  if (strings::ends_with(lower, ".py")) return AppLanguage::python;
  if (strings::ends_with(lower, ".jar")) return AppLanguage::jvm;
  throw Error::usage("cannot run '" + main_file +
                     "': expected a PySpark script (.py) or a jar (.jar), or --job NAME");
}

AppLanguage UserApplication::language() const { return language_of(main_file); }

std::string file_name_of(const std::string& path_or_uri) {
  std::string path = path_or_uri;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

ArchiveEntry split_archive_alias(const std::string& entry) {
  const auto hash = entry.rfind('#');
  if (hash == std::string::npos) return {entry, ""};
  return {entry.substr(0, hash), entry.substr(hash + 1)};
}

std::string with_archive_path(const std::string& entry,
                              const std::function<std::string(const std::string&)>& change) {
  const auto [path, alias] = split_archive_alias(entry);
  const std::string changed = change(path);
  return alias.empty() ? changed : changed + "#" + alias;
}

}  // namespace sparkctl::runtime
