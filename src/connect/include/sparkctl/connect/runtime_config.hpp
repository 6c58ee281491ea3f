// The session's runtime SQL configuration (spark.conf): get and set
// spark.sql.* settings on the server.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace sparkctl::connect {

class Client;

class RuntimeConfig {
 public:
  explicit RuntimeConfig(std::shared_ptr<Client> client);

  void set(const std::string& key, const std::string& value) const;
  // Throws SparkError when the key has no value and no default.
  std::string get(const std::string& key) const;
  std::string get(const std::string& key, const std::string& fallback) const;
  std::optional<std::string> get_option(const std::string& key) const;
  void unset(const std::string& key) const;

 private:
  std::shared_ptr<Client> client_;
};

}  // namespace sparkctl::connect
