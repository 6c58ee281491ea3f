#include "sparkctl/connect/dataframe_writer.hpp"

#include <algorithm>
#include <cctype>

#include "plan.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

proto::WriteOperation::SaveMode save_mode(std::string mode) {
  std::transform(mode.begin(), mode.end(), mode.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (mode.empty() || mode == "error" || mode == "errorifexists") {
    return proto::WriteOperation::SAVE_MODE_ERROR_IF_EXISTS;
  }
  if (mode == "append") return proto::WriteOperation::SAVE_MODE_APPEND;
  if (mode == "overwrite") return proto::WriteOperation::SAVE_MODE_OVERWRITE;
  if (mode == "ignore") return proto::WriteOperation::SAVE_MODE_IGNORE;
  throw Error::usage("unknown save mode '" + mode +
                     "' (expected append, overwrite, error, errorifexists or ignore)");
}

}  // namespace

DataFrameWriter::DataFrameWriter(std::shared_ptr<Client> client,
                                 std::shared_ptr<const proto::Relation> input)
    : client_(std::move(client)), input_(std::move(input)) {}

DataFrameWriter& DataFrameWriter::mode(const std::string& mode) {
  save_mode(mode);  // reject bad modes where they are given
  mode_ = mode;
  return *this;
}

DataFrameWriter& DataFrameWriter::format(const std::string& source) {
  format_ = source;
  return *this;
}

DataFrameWriter& DataFrameWriter::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}

DataFrameWriter& DataFrameWriter::partition_by(const std::vector<std::string>& columns) {
  partition_by_ = columns;
  return *this;
}

void DataFrameWriter::save(const std::string& path) { run(&path, nullptr); }
void DataFrameWriter::save_as_table(const std::string& table) { run(nullptr, &table); }

void DataFrameWriter::run(const std::string* path, const std::string* table) {
  proto::Command command;
  auto* w = command.mutable_write_operation();
  *w->mutable_input() = *input_;
  if (!format_.empty()) w->set_source(format_);
  w->set_mode(save_mode(mode_));
  for (const auto& [k, v] : options_) (*w->mutable_options())[k] = v;
  for (const auto& c : partition_by_) w->add_partitioning_columns(c);
  if (path) {
    w->set_path(*path);
  } else {
    w->mutable_table()->set_table_name(*table);
    w->mutable_table()->set_save_method(
        proto::WriteOperation::SaveTable::TABLE_SAVE_METHOD_SAVE_AS_TABLE);
  }
  run_command(*client_, command);
}

}  // namespace sparkctl::connect
