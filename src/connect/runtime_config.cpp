#include "sparkctl/connect/runtime_config.hpp"

#include "sparkctl/connect/client.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

const proto::KeyValue& only_pair(const proto::ConfigResponse& response, const std::string& key) {
  if (response.pairs_size() != 1) {
    throw Error::job("the Spark server returned no value for config " + key);
  }
  return response.pairs(0);
}

}  // namespace

RuntimeConfig::RuntimeConfig(std::shared_ptr<Client> client) : client_(std::move(client)) {}

void RuntimeConfig::set(const std::string& key, const std::string& value) const {
  proto::ConfigRequest::Operation op;
  auto* pair = op.mutable_set()->add_pairs();
  pair->set_key(key);
  pair->set_value(value);
  client_->config(op);
}

std::string RuntimeConfig::get(const std::string& key) const {
  proto::ConfigRequest::Operation op;
  op.mutable_get()->add_keys(key);
  return only_pair(client_->config(op), key).value();
}

std::string RuntimeConfig::get(const std::string& key, const std::string& fallback) const {
  proto::ConfigRequest::Operation op;
  auto* pair = op.mutable_get_with_default()->add_pairs();
  pair->set_key(key);
  pair->set_value(fallback);
  return only_pair(client_->config(op), key).value();
}

std::optional<std::string> RuntimeConfig::get_option(const std::string& key) const {
  proto::ConfigRequest::Operation op;
  op.mutable_get_option()->add_keys(key);
  const proto::KeyValue& pair = only_pair(client_->config(op), key);
  if (!pair.has_value()) return std::nullopt;
  return pair.value();
}

void RuntimeConfig::unset(const std::string& key) const {
  proto::ConfigRequest::Operation op;
  op.mutable_unset()->add_keys(key);
  client_->config(op);
}

}  // namespace sparkctl::connect
