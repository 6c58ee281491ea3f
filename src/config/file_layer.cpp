#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "layers.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "value_parser.hpp"

namespace sparkctl::config {

namespace {

class FileReader {
 public:
  FileReader(const Schema& schema, std::string path, std::vector<Entry>& entries)
      : schema_(schema), path_(std::move(path)), entries_(entries) {}

  void read(const std::string* text) {
    const std::string content = text ? *text : file_content();
    YAML::Node root;
    try {
      root = YAML::Load(content);
    } catch (const YAML::Exception& e) {
      throw Error::usage(place(e.mark) + "malformed YAML: " + e.msg);
    }
    if (!root || root.IsNull()) return;  // an empty file sets nothing
    if (!root.IsMap())
      throw Error::usage(place(root.Mark()) + "the config file must be a mapping of sections");
    walk(root, "");
  }

 private:
  // Read here rather than by yaml-cpp, whose error for an unreadable file
  // is "bad file" (and a directory gets through to a stream error).
  std::string file_content() const {
    std::error_code ec;
    if (std::filesystem::is_directory(path_, ec))
      throw Error::usage("cannot read config file " + path_ + ": it is a directory");
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw Error::usage("cannot read config file " + path_ + ": " + std::strerror(errno));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw Error::usage("cannot read config file " + path_ + ": read error");
    return content.str();
  }

  std::string place(const YAML::Mark& mark) const {
    // yaml-cpp counts from 0; editors count from 1.
    return path_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) +
           ": ";
  }

  bool is_section(const std::string& prefix) const {
    for (const auto& item : schema_.items()) {
      if (strings::starts_with(item.key, prefix + ".")) return true;
    }
    return false;
  }

  void walk(const YAML::Node& mapping, const std::string& prefix) {
    std::map<std::string, int> lines;  // yaml-cpp keeps the last of duplicate keys silently
    for (const auto& pair : mapping) {
      if (!pair.first.IsScalar())
        throw Error::usage(place(pair.first.Mark()) + "keys must be plain names");
      const auto name = pair.first.Scalar();
      const std::string key = prefix.empty() ? name : prefix + "." + name;
      if (const auto [it, first] = lines.emplace(name, pair.first.Mark().line + 1); !first)
        throw Error::usage(place(pair.first.Mark()) + "duplicate key '" + key +
                           "' (first on line " + std::to_string(it->second) + ")");
      const YAML::Node& value = pair.second;
      if (const Item* item = schema_.find(key)) {
        assign(*item, value);
      } else if (is_section(key)) {
        if (value.IsNull()) continue;
        if (!value.IsMap())
          throw Error::usage(place(value.Mark()) + key + ": expected a section (a mapping)");
        walk(value, key);
      } else {
        std::string message = place(pair.first.Mark()) + "unknown key '" + key + "'";
        auto suggestion = schema_.closest_key(key);
        if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
        throw Error::usage(message);
      }
    }
  }

  void assign(const Item& item, const YAML::Node& value) {
    Entry& entry = entry_for(entries_, item);
    try {
      if (item.type == ValueType::string_map) {
        entry.value = read_map(item, value);
      } else if (value.IsNull()) {
        entry.value = parse_value(item, "");
      } else if (value.IsScalar()) {
        entry.value = parse_value(item, value.Scalar());
      } else {
        throw ValueError("expected " + expectation(item) + ", got a " +
                         (value.IsMap() ? "mapping" : "list"));
      }
    } catch (const ValueError& e) {
      throw Error::usage(place(value.Mark()) + item.key + ": " + e.what());
    }
    entry.origin = {Origin::Kind::file, path_ + ":" + std::to_string(value.Mark().line + 1)};
  }

  StringMap read_map(const Item& item, const YAML::Node& value) {
    StringMap map;
    if (value.IsNull()) return map;
    if (!value.IsMap()) throw ValueError("expected " + expectation(item));
    for (const auto& pair : value) {
      if (!pair.first.IsScalar())
        throw Error::usage(place(pair.first.Mark()) + item.key + ": keys must be plain names");
      auto key = pair.first.Scalar();
      try {
        check_map_key(item, key);
        if (!pair.second.IsScalar() && !pair.second.IsNull()) {
          throw ValueError("expected a plain value for '" + key + "'");
        }
        auto text = pair.second.IsNull() ? std::string() : pair.second.Scalar();
        check_pattern(item, text);
        map[key] = text;
      } catch (const ValueError& e) {
        throw Error::usage(place(pair.first.Mark()) + item.key + ": " + e.what());
      }
    }
    return map;
  }

  const Schema& schema_;
  std::string path_;
  std::vector<Entry>& entries_;
};

}  // namespace

Entry& entry_for(std::vector<Entry>& entries, const Item& item) {
  for (auto& entry : entries) {
    if (entry.item == &item) return entry;
  }
  throw std::logic_error("config entry missing for " + item.key);
}

void apply_file(const Schema& schema, const std::string& path, std::vector<Entry>& entries) {
  FileReader(schema, path, entries).read(nullptr);
}

void apply_yaml_text(const Schema& schema, const std::string& path, const std::string& text,
                     std::vector<Entry>& entries) {
  FileReader(schema, path, entries).read(&text);
}

}  // namespace sparkctl::config
