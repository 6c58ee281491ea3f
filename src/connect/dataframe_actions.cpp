// DataFrame actions: what runs on the server (results, schema, plans,
// caching, views).
#include <iostream>

#include "plan.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/functions.hpp"
#include "sparkctl/connect/result_stream.hpp"
#include "sparkctl/connect/show.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

// Spark's (JVM) storage levels: disk, memory, off-heap, deserialized, replication.
void set_storage_level(proto::StorageLevel& out, StorageLevel level) {
  struct Level {
    bool disk, memory, off_heap, deserialized;
    int replication;
  };
  static const Level levels[] = {
      {false, true, false, true, 1},   // memory_only
      {true, true, false, true, 1},    // memory_and_disk
      {true, false, false, false, 1},  // disk_only
      {false, true, false, true, 2},   // memory_only_2
      {true, true, false, true, 2},    // memory_and_disk_2
      {true, true, true, false, 1},    // off_heap
  };
  const Level& l = levels[static_cast<int>(level)];
  out.set_use_disk(l.disk);
  out.set_use_memory(l.memory);
  out.set_use_off_heap(l.off_heap);
  out.set_deserialized(l.deserialized);
  out.set_replication(l.replication);
}

proto::AnalyzePlanRequest::Explain::ExplainMode explain_mode(ExplainMode mode) {
  using Explain = proto::AnalyzePlanRequest::Explain;
  switch (mode) {
    case ExplainMode::simple:
      return Explain::EXPLAIN_MODE_SIMPLE;
    case ExplainMode::extended:
      return Explain::EXPLAIN_MODE_EXTENDED;
    case ExplainMode::codegen:
      return Explain::EXPLAIN_MODE_CODEGEN;
    case ExplainMode::cost:
      return Explain::EXPLAIN_MODE_COST;
    case ExplainMode::formatted:
      return Explain::EXPLAIN_MODE_FORMATTED;
  }
  return Explain::EXPLAIN_MODE_SIMPLE;
}

}  // namespace

Rows DataFrame::collect() const { return collect_result(*client_, *relation_); }

std::optional<Row> DataFrame::first() const {
  Rows rows = head(1);
  if (rows.empty()) return std::nullopt;
  return rows[0];
}

Rows DataFrame::head(int n) const { return limit(n).collect(); }

bool DataFrame::is_empty() const { return head(1).empty(); }

std::int64_t DataFrame::count() const {
  const Rows t = agg({functions::count(functions::lit(1))}).collect();
  if (t.size() != 1 || t[0].size() != 1 || t[0][0].kind() != Value::Kind::integer) {
    throw Error::cluster("count(): the Spark server returned an unexpected result");
  }
  return t[0][0].as_long();
}

void DataFrame::show(int n, std::ostream& out, bool truncate) const {
  // One extra row tells whether to print the "only showing" footer.
  const Rows t = limit(n + 1).collect();
  print_show(t, n, t.size() > static_cast<size_t>(n), truncate, out);
}

void DataFrame::show(int n) const { show(n, std::cout); }

StructType DataFrame::schema() const {
  const auto response = analyze(*client_, [&](proto::AnalyzePlanRequest& r) {
    *r.mutable_schema()->mutable_plan()->mutable_root() = *relation_;
  });
  const DataType type = DataType::from_proto(response.schema().schema());
  // Spark answers with a struct for every relation; anything else is one value column.
  return type.kind() == DataType::Kind::struct_ ? type.as_struct() : StructType({{"value", type}});
}

std::vector<std::string> DataFrame::columns() const { return schema().names(); }

void DataFrame::print_schema(std::ostream& out) const {
  const auto response = analyze(*client_, [&](proto::AnalyzePlanRequest& r) {
    *r.mutable_tree_string()->mutable_plan()->mutable_root() = *relation_;
  });
  out << response.tree_string().tree_string();
}

void DataFrame::print_schema() const { print_schema(std::cout); }

std::string DataFrame::explain_string(ExplainMode mode) const {
  const auto response = analyze(*client_, [&](proto::AnalyzePlanRequest& r) {
    *r.mutable_explain()->mutable_plan()->mutable_root() = *relation_;
    r.mutable_explain()->set_explain_mode(explain_mode(mode));
  });
  return response.explain().explain_string();
}

void DataFrame::explain(ExplainMode mode) const { std::cout << explain_string(mode) << "\n"; }

DataFrame DataFrame::cache() const { return persist(StorageLevel::memory_and_disk); }

DataFrame DataFrame::persist(StorageLevel level) const {
  analyze(*client_, [&](proto::AnalyzePlanRequest& r) {
    *r.mutable_persist()->mutable_relation() = *relation_;
    set_storage_level(*r.mutable_persist()->mutable_storage_level(), level);
  });
  return *this;
}

DataFrame DataFrame::unpersist(bool blocking) const {
  analyze(*client_, [&](proto::AnalyzePlanRequest& r) {
    *r.mutable_unpersist()->mutable_relation() = *relation_;
    r.mutable_unpersist()->set_blocking(blocking);
  });
  return *this;
}

void DataFrame::create_view(const std::string& name, bool global, bool replace) const {
  proto::Command command;
  auto* view = command.mutable_create_dataframe_view();
  *view->mutable_input() = *relation_;
  view->set_name(name);
  view->set_is_global(global);
  view->set_replace(replace);
  run_command(*client_, command);
}

void DataFrame::create_temp_view(const std::string& name) const { create_view(name, false, false); }
void DataFrame::create_or_replace_temp_view(const std::string& name) const {
  create_view(name, false, true);
}
void DataFrame::create_global_temp_view(const std::string& name) const {
  create_view(name, true, false);
}
void DataFrame::create_or_replace_global_temp_view(const std::string& name) const {
  create_view(name, true, true);
}

DataFrameWriter DataFrame::write() const { return DataFrameWriter(client_, relation_); }

}  // namespace sparkctl::connect
