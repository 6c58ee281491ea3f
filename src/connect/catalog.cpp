// Catalog: each call is a Relation of kind catalog, run like a query; its
// rows are Spark's Database / Table / Column / Function records.
#include "sparkctl/connect/catalog.hpp"

#include "plan.hpp"
#include "sparkctl/connect/result_stream.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

// Runs a catalog request that `fill` sets up.
template <typename Fill>
Rows run_catalog(Client& client, Fill fill) {
  auto r = new_relation(client);
  fill(*r->mutable_catalog());
  return collect_result(client, *r);
}

// The one value of a one-row, one-column answer (a name, a bool).
template <typename Fill>
Value single(Client& client, const char* what, Fill fill) {
  const Rows rows = run_catalog(client, fill);
  if (rows.size() != 1 || rows[0].size() != 1) {
    throw Error::cluster(std::string("catalog ") + what + ": the Spark server returned " +
                         std::to_string(rows.size()) + " rows");
  }
  return rows[0][0];
}

// Text fields may be NULL (a description no one wrote).
std::string text(const Row& row, const char* field) {
  const Value& v = row[field];
  return v.is_null() ? std::string() : v.as_string();
}

std::vector<std::string> names(const Row& row, const char* field) {
  std::vector<std::string> out;
  const Value& v = row[field];
  if (v.is_null()) return out;
  for (const Value& part : v.as_array()) out.push_back(part.as_string());
  return out;
}

// A listing's optional database and name pattern ("" = unset).
template <typename Listing>
void narrow(Listing& listing, const std::string& database, const std::string& pattern) {
  if (!database.empty()) listing.set_db_name(database);
  if (!pattern.empty()) listing.set_pattern(pattern);
}

}  // namespace

Catalog::Catalog(std::shared_ptr<Client> client) : client_(std::move(client)) {}

std::string Catalog::current_catalog() const {
  return single(*client_, "current_catalog", [](auto& c) { c.mutable_current_catalog(); })
      .as_string();
}

std::string Catalog::current_database() const {
  return single(*client_, "current_database", [](auto& c) { c.mutable_current_database(); })
      .as_string();
}

void Catalog::set_current_database(const std::string& name) const {
  run_catalog(*client_, [&](auto& c) { c.mutable_set_current_database()->set_db_name(name); });
}

std::vector<Catalog::Database> Catalog::list_databases(const std::string& pattern) const {
  std::vector<Database> out;
  const Rows rows = run_catalog(*client_, [&](auto& c) {
    auto* list = c.mutable_list_databases();
    if (!pattern.empty()) list->set_pattern(pattern);
  });
  for (const Row& row : rows) {
    out.push_back({text(row, "name"), text(row, "catalog"), text(row, "description"),
                   text(row, "locationUri")});
  }
  return out;
}

bool Catalog::database_exists(const std::string& name) const {
  return single(*client_, "database_exists",
                [&](auto& c) { c.mutable_database_exists()->set_db_name(name); })
      .as_bool();
}

std::vector<Catalog::Table> Catalog::list_tables(const std::string& database,
                                                 const std::string& pattern) const {
  std::vector<Table> out;
  const Rows rows =
      run_catalog(*client_, [&](auto& c) { narrow(*c.mutable_list_tables(), database, pattern); });
  for (const Row& row : rows) {
    out.push_back({text(row, "name"), text(row, "catalog"), names(row, "namespace"),
                   text(row, "description"), text(row, "tableType"), row.get_bool("isTemporary")});
  }
  return out;
}

bool Catalog::table_exists(const std::string& name, const std::string& database) const {
  return single(*client_, "table_exists",
                [&](auto& c) {
                  c.mutable_table_exists()->set_table_name(name);
                  if (!database.empty()) c.mutable_table_exists()->set_db_name(database);
                })
      .as_bool();
}

std::vector<Catalog::Column> Catalog::list_columns(const std::string& table,
                                                   const std::string& database) const {
  std::vector<Column> out;
  const Rows rows = run_catalog(*client_, [&](auto& c) {
    c.mutable_list_columns()->set_table_name(table);
    if (!database.empty()) c.mutable_list_columns()->set_db_name(database);
  });
  for (const Row& row : rows) {
    out.push_back({text(row, "name"), text(row, "description"), text(row, "dataType"),
                   row.get_bool("nullable"), row.get_bool("isPartition"),
                   row.get_bool("isBucket")});
  }
  return out;
}

std::vector<Catalog::Function> Catalog::list_functions(const std::string& database,
                                                       const std::string& pattern) const {
  std::vector<Function> out;
  const Rows rows = run_catalog(
      *client_, [&](auto& c) { narrow(*c.mutable_list_functions(), database, pattern); });
  for (const Row& row : rows) {
    out.push_back({text(row, "name"), text(row, "catalog"), names(row, "namespace"),
                   text(row, "description"), text(row, "className"), row.get_bool("isTemporary")});
  }
  return out;
}

bool Catalog::function_exists(const std::string& name, const std::string& database) const {
  return single(*client_, "function_exists",
                [&](auto& c) {
                  c.mutable_function_exists()->set_function_name(name);
                  if (!database.empty()) c.mutable_function_exists()->set_db_name(database);
                })
      .as_bool();
}

bool Catalog::drop_temp_view(const std::string& name) const {
  return single(*client_, "drop_temp_view",
                [&](auto& c) { c.mutable_drop_temp_view()->set_view_name(name); })
      .as_bool();
}

bool Catalog::drop_global_temp_view(const std::string& name) const {
  return single(*client_, "drop_global_temp_view",
                [&](auto& c) { c.mutable_drop_global_temp_view()->set_view_name(name); })
      .as_bool();
}

bool Catalog::is_cached(const std::string& table) const {
  return single(*client_, "is_cached",
                [&](auto& c) { c.mutable_is_cached()->set_table_name(table); })
      .as_bool();
}

void Catalog::cache_table(const std::string& table) const {
  run_catalog(*client_, [&](auto& c) { c.mutable_cache_table()->set_table_name(table); });
}

void Catalog::uncache_table(const std::string& table) const {
  run_catalog(*client_, [&](auto& c) { c.mutable_uncache_table()->set_table_name(table); });
}

void Catalog::clear_cache() const {
  run_catalog(*client_, [](auto& c) { c.mutable_clear_cache(); });
}

void Catalog::refresh_table(const std::string& table) const {
  run_catalog(*client_, [&](auto& c) { c.mutable_refresh_table()->set_table_name(table); });
}

}  // namespace sparkctl::connect
