// A SparkApplication whose driver serves Spark Connect sessions (the
// interactive job) to `sparkctl shell --app` and to clients in the cluster.
//
// The decision, and why: the driver's Connect server binds every address
// of the pod (0.0.0.0), so a Service can reach it, and it demands a bearer
// token (Spark's pre-shared-key authentication, read from
// SPARK_CONNECT_AUTHENTICATE_TOKEN): without one, anyone who can reach the
// pod network could run code as the driver's service account. `submit`
// makes a random token per application and keeps it in a Secret that only
// the driver (secretKeyRef, set by spark-submit from the sparkConf below)
// and readers of Secrets in the namespace see. The Service and the Secret
// are owned by the SparkApplication, so they go when it goes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sparkctl/config/config.hpp"
#include "sparkctl/k8s/application_render.hpp"

namespace sparkctl::k8s {

// The environment variable Spark's Connect server takes its token from.
inline constexpr const char* connect_token_env = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
inline constexpr const char* connect_token_key = "token";  // the key in the Secret
inline constexpr const char* connect_port_name = "spark-connect";
inline constexpr const char* connect_bind_address_conf = "spark.connect.grpc.binding.address";
inline constexpr const char* connect_port_conf = "spark.connect.grpc.binding.port";
// Spark's default for connect_port_conf.
inline constexpr int spark_connect_default_port = 15002;
// The sparkConf entry "<secret>:<key>" by which spark-submit gives the
// driver connect_token_env from a Secret.
inline constexpr const char* connect_token_conf =
    "spark.kubernetes.driver.secretKeyRef.SPARK_CONNECT_AUTHENTICATE_TOKEN";

// "<app>-connect" (the app part shortened so the name stays a 63-char label):
// the name of the Service and of the Secret.
std::string connect_resource_name(const std::string& app);

// The sparkConf entries that make the driver serve sessions on `port`:
// bind address, port, and the token from the Secret as an env variable.
void add_connect_conf(nlohmann::ordered_json& spark_conf, const std::string& app, int port);

// The ClusterIP Service selecting the application's driver pod.
nlohmann::ordered_json render_connect_service(const RenderRequest& request,
                                              const nlohmann::ordered_json& labels, int port);

// That Service for the application `request` renders, with the
// configuration's labels and kubernetes.connect_port.
nlohmann::ordered_json render_connect_service(const config::Config& config,
                                              const RenderRequest& request);

// A new random token: 32 bytes from OpenSSL's generator, hex.
std::string generate_connect_token();

// The Secret holding `token`. Never print it.
nlohmann::json connect_token_secret(const RenderRequest& request,
                                    const nlohmann::ordered_json& labels, const std::string& token);

// Where an application's driver takes its Connect token from (its
// sparkConf's secretKeyRef); nullopt when it has none.
struct SecretKeyRef {
  std::string name;
  std::string key;
};
std::optional<SecretKeyRef> connect_token_ref(const nlohmann::json& application);

}  // namespace sparkctl::k8s
