#include "sparkctl/connect/session.hpp"

#include "plan.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/connect/channel.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

namespace {

// Statements run now (a command); a query's result stays a lazy relation.
template <typename Fill>
DataFrame run_sql(const std::shared_ptr<Client>& client, Fill fill) {
  auto input = new_relation(*client);
  fill(*input->mutable_sql());
  proto::Command command;
  *command.mutable_sql_command()->mutable_input() = *input;
  auto result = run_command(*client, command);
  return DataFrame(client, result ? std::move(result) : std::move(input));
}

}  // namespace

Session::Session(std::shared_ptr<Client> client) : client_(std::move(client)) {}

Session Session::open(const std::string& connection_string) {
  return open(parse_connection_string(connection_string));
}

Session Session::open(const ChannelOptions& options) {
  return Session(std::make_shared<Client>(options));
}

DataFrame Session::range(std::int64_t end) const { return range(0, end); }

DataFrame Session::range(std::int64_t start, std::int64_t end, std::int64_t step,
                         std::optional<int> num_partitions) const {
  if (step == 0) throw Error::job("range(): step must not be 0");
  if (num_partitions && *num_partitions < 1) {
    throw Error::job("range(): num_partitions must be at least 1");
  }
  auto r = new_relation(*client_);
  auto* range = r->mutable_range();
  range->set_start(start);
  range->set_end(end);
  range->set_step(step);
  if (num_partitions) range->set_num_partitions(*num_partitions);
  return DataFrame(client_, std::move(r));
}

DataFrame Session::sql(const std::string& query) const {
  return run_sql(client_, [&](proto::SQL& sql) { sql.set_query(query); });
}

DataFrame Session::sql(const std::string& query,
                       const std::map<std::string, ColumnOrLiteral>& args) const {
  return run_sql(client_, [&](proto::SQL& sql) {
    sql.set_query(query);
    for (const auto& [name, value] : args) {
      (*sql.mutable_named_arguments())[name] = value.column().expression();
    }
  });
}

DataFrame Session::sql(const std::string& query, const std::vector<ColumnOrLiteral>& args) const {
  return run_sql(client_, [&](proto::SQL& sql) {
    sql.set_query(query);
    for (const auto& value : args) *sql.add_pos_arguments() = value.column().expression();
  });
}

DataFrame Session::table(const std::string& name) const { return read().table(name); }

DataFrame Session::create_data_frame(const std::vector<Row>& rows, const StructType& schema) const {
  std::string data = write_arrow_ipc(schema, rows);
  return derived(client_, [&](proto::Relation& r) {
    r.mutable_local_relation()->set_data(std::move(data));
    r.mutable_local_relation()->set_schema(schema.ddl());
  });
}

DataFrame Session::create_data_frame(const Rows& rows) const {
  return create_data_frame(rows.rows(), rows.schema());
}

DataFrameReader Session::read() const { return DataFrameReader(client_); }
RuntimeConfig Session::conf() const { return RuntimeConfig(client_); }
Catalog Session::catalog() const { return Catalog(client_); }

std::string Session::spark_version() const {
  proto::AnalyzePlanRequest request;
  request.mutable_spark_version();
  return client_->analyze(std::move(request)).spark_version().version();
}

void Session::interrupt_all() const { client_->interrupt_all(); }
void Session::clear_interrupt() const { client_->clear_interrupt(); }
void Session::close() const { client_->release_session(); }
const std::string& Session::session_id() const { return client_->session_id(); }

}  // namespace sparkctl::connect
