#include "sparkctl/connect/session.hpp"

#include "plan.hpp"
#include "sparkctl/connect/channel.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

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
  if (step == 0) throw Error::usage("range(): step must not be 0");
  if (num_partitions && *num_partitions < 1) {
    throw Error::usage("range(): num_partitions must be at least 1");
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
  auto input = new_relation(*client_);
  input->mutable_sql()->set_query(query);
  proto::Command command;
  *command.mutable_sql_command()->mutable_input() = *input;
  auto result = run_command(*client_, command);
  return DataFrame(client_, result ? std::move(result) : std::move(input));
}

DataFrameReader Session::read() const { return DataFrameReader(client_); }
RuntimeConfig Session::conf() const { return RuntimeConfig(client_); }

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
