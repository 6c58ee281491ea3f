#include "sparkctl/runtime/application_deps.hpp"

#include <nlohmann/json.hpp>

#include "sparkctl/core/error.hpp"

namespace sparkctl::runtime {

std::string deps_json(const UserApplication& app) {
  return nlohmann::json{{"main_file", app.main_file}, {"py_files", app.py_files},
                        {"files", app.files},         {"jars", app.jars},
                        {"archives", app.archives},   {"python_deps", app.python_deps}}
      .dump();
}

UserApplication deps_from_json(const std::string& text) {
  UserApplication app;
  try {
    const auto json = nlohmann::json::parse(text);
    app.main_file = json.value("main_file", "");
    app.py_files = json.value("py_files", std::vector<std::string>{});
    app.files = json.value("files", std::vector<std::string>{});
    app.jars = json.value("jars", std::vector<std::string>{});
    app.archives = json.value("archives", std::vector<std::string>{});
    app.python_deps = json.value("python_deps", "");
  } catch (const nlohmann::json::exception& e) {
    throw Error::usage(std::string(app_deps_env) + " is not the JSON sparkctl writes: " + e.what());
  }
  return app;
}

std::vector<std::string> all_deps(const UserApplication& app) {
  std::vector<std::string> uris;
  if (!app.main_file.empty()) uris.push_back(app.main_file);
  for (const auto* list : {&app.py_files, &app.files, &app.jars, &app.archives})
    uris.insert(uris.end(), list->begin(), list->end());
  if (!app.python_deps.empty()) uris.push_back(app.python_deps);
  return uris;
}

}  // namespace sparkctl::runtime
