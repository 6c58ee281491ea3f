#include "sparkctl/connect/dataframe_writer.hpp"

#include <algorithm>
#include <cctype>

#include "plan.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

SaveMode parse_mode(std::string mode) {
  std::transform(mode.begin(), mode.end(), mode.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (mode.empty() || mode == "error" || mode == "errorifexists") return SaveMode::error_if_exists;
  if (mode == "append") return SaveMode::append;
  if (mode == "overwrite") return SaveMode::overwrite;
  if (mode == "ignore") return SaveMode::ignore;
  throw Error::job("unknown save mode '" + mode +
                   "' (expected append, overwrite, error, errorifexists or ignore)");
}

proto::WriteOperation::SaveMode save_mode(SaveMode mode) {
  switch (mode) {
    case SaveMode::append:
      return proto::WriteOperation::SAVE_MODE_APPEND;
    case SaveMode::overwrite:
      return proto::WriteOperation::SAVE_MODE_OVERWRITE;
    case SaveMode::ignore:
      return proto::WriteOperation::SAVE_MODE_IGNORE;
    case SaveMode::error_if_exists:
      break;
  }
  return proto::WriteOperation::SAVE_MODE_ERROR_IF_EXISTS;
}

}  // namespace

DataFrameWriter::DataFrameWriter(std::shared_ptr<Client> client,
                                 std::shared_ptr<const proto::Relation> input)
    : client_(std::move(client)), input_(std::move(input)) {}

DataFrameWriter& DataFrameWriter::mode(SaveMode mode) {
  mode_ = mode;
  mode_set_ = true;
  return *this;
}

DataFrameWriter& DataFrameWriter::mode(const std::string& mode) {
  return this->mode(parse_mode(mode));
}

DataFrameWriter& DataFrameWriter::format(const std::string& source) {
  format_ = source;
  return *this;
}

DataFrameWriter& DataFrameWriter::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}

DataFrameWriter& DataFrameWriter::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}

DataFrameWriter& DataFrameWriter::partition_by(const std::vector<std::string>& columns) {
  partition_by_ = columns;
  return *this;
}

DataFrameWriter& DataFrameWriter::bucket_by(int num_buckets,
                                            const std::vector<std::string>& columns) {
  if (num_buckets < 1 || columns.empty()) {
    throw Error::job("bucket_by() needs at least one bucket and one column");
  }
  num_buckets_ = num_buckets;
  bucket_by_ = columns;
  return *this;
}

DataFrameWriter& DataFrameWriter::sort_by(const std::vector<std::string>& columns) {
  sort_by_ = columns;
  return *this;
}

void DataFrameWriter::save(const std::string& path) { run(Target::path, path); }
void DataFrameWriter::save() { run(Target::none, ""); }
void DataFrameWriter::save_as_table(const std::string& table) { run(Target::table, table); }

void DataFrameWriter::insert_into(const std::string& table, bool overwrite) {
  if (overwrite) mode(SaveMode::overwrite);
  if (!mode_set_) mode(SaveMode::append);
  run(Target::insert, table);
}

void DataFrameWriter::jdbc(const std::string& url, const std::string& table,
                           const std::map<std::string, std::string>& properties) {
  options(properties);
  option("url", url);
  option("dbtable", table);
  format("jdbc").save();
}

void DataFrameWriter::run(Target target, const std::string& name) {
  proto::Command command;
  auto* w = command.mutable_write_operation();
  *w->mutable_input() = *input_;
  if (!format_.empty()) w->set_source(format_);
  w->set_mode(save_mode(mode_));
  for (const auto& [k, v] : options_) (*w->mutable_options())[k] = v;
  for (const auto& c : partition_by_) w->add_partitioning_columns(c);
  for (const auto& c : sort_by_) w->add_sort_column_names(c);
  if (num_buckets_ > 0) {
    w->mutable_bucket_by()->set_num_buckets(num_buckets_);
    for (const auto& c : bucket_by_) w->mutable_bucket_by()->add_bucket_column_names(c);
  }
  using SaveTable = proto::WriteOperation::SaveTable;
  switch (target) {
    case Target::path:
      w->set_path(name);
      break;
    case Target::none:
      break;
    case Target::table:
    case Target::insert:
      w->mutable_table()->set_table_name(name);
      w->mutable_table()->set_save_method(target == Target::table
                                              ? SaveTable::TABLE_SAVE_METHOD_SAVE_AS_TABLE
                                              : SaveTable::TABLE_SAVE_METHOD_INSERT_INTO);
      break;
  }
  run_command(*client_, command);
}

}  // namespace sparkctl::connect
