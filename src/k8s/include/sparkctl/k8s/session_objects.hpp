// The objects next to a SparkApplication whose driver serves Spark Connect
// sessions (connect_session.hpp): its token Secret and its Service, made,
// read and removed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparkctl/config/config.hpp"
#include "sparkctl/k8s/application_render.hpp"
#include "sparkctl/k8s/cluster.hpp"
#include "sparkctl/k8s/spark_application.hpp"

namespace sparkctl::k8s {

class SessionObjects {
 public:
  explicit SessionObjects(Cluster& cluster) : cluster_(cluster) {}

  // Creates the Secret (with a new random token) and the Service, owned by
  // `owner` as the API server returned it. If either cannot be made, the
  // application is deleted again, since a driver without its token never
  // starts, and the error is thrown. Returns "secret/NAME", "service/NAME".
  std::vector<std::string> create(const config::Config& config, const RenderRequest& request,
                                  const SparkApplication& owner, bool dry_run);

  // Deletes the Secret and the Service of application `app`, if they exist
  // and are owned by it (a cluster's garbage collector would, later).
  // Returns what it deleted, as above.
  std::vector<std::string> remove(const std::string& app);

  // The bearer token `app`'s driver demands (from the Secret its sparkConf
  // names) and that Secret's name; nullopt when it demands none.
  struct Token {
    std::string secret;
    std::string value;
  };
  std::optional<Token> token(const SparkApplication& app);

 private:
  Cluster& cluster_;
};

}  // namespace sparkctl::k8s
