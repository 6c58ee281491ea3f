#include "sparkctl/connect/dataframe_reader.hpp"

#include "plan.hpp"

namespace sparkctl::connect {

DataFrameReader::DataFrameReader(std::shared_ptr<Client> client) : client_(std::move(client)) {}

DataFrameReader& DataFrameReader::format(const std::string& source) {
  format_ = source;
  return *this;
}

DataFrameReader& DataFrameReader::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}

DataFrameReader& DataFrameReader::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}

DataFrameReader& DataFrameReader::schema(const StructType& schema) {
  return this->schema(schema.ddl());
}

DataFrameReader& DataFrameReader::schema(const std::string& ddl) {
  schema_ = ddl;
  return *this;
}

DataFrame DataFrameReader::load(const std::string& path) const {
  return load(std::vector<std::string>{path});
}

DataFrame DataFrameReader::load() const { return load(std::vector<std::string>{}); }

DataFrame DataFrameReader::load(const std::vector<std::string>& paths) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* source = r.mutable_read()->mutable_data_source();
    if (!format_.empty()) source->set_format(format_);
    if (!schema_.empty()) source->set_schema(schema_);
    for (const auto& [k, v] : options_) (*source->mutable_options())[k] = v;
    for (const auto& p : paths) source->add_paths(p);
  });
}

DataFrame DataFrameReader::jdbc(const std::string& url, const std::string& table,
                                const std::map<std::string, std::string>& properties) {
  options(properties);
  option("url", url);
  option("dbtable", table);
  return format("jdbc").load();
}

DataFrame DataFrameReader::table(const std::string& name) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* t = r.mutable_read()->mutable_named_table();
    t->set_unparsed_identifier(name);
    for (const auto& [k, v] : options_) (*t->mutable_options())[k] = v;
  });
}

}  // namespace sparkctl::connect
