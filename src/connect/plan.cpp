#include "plan.hpp"

#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

std::shared_ptr<proto::Relation> new_relation(Client& client) {
  auto relation = std::make_shared<proto::Relation>();
  relation->mutable_common()->set_plan_id(client.next_plan_id());
  return relation;
}

const proto::Expression::Literal& literal_of(const Column& column, const char* what) {
  if (!column.expression().has_literal()) {
    throw Error::job(std::string(what) +
                     " takes literal values (numbers, strings, bool), not columns");
  }
  return column.expression().literal();
}

std::shared_ptr<proto::Relation> run_command(Client& client, const proto::Command& command) {
  proto::Plan plan;
  *plan.mutable_command() = command;
  std::shared_ptr<proto::Relation> result;
  client.execute(plan, [&](const proto::ExecutePlanResponse& response) {
    if (response.has_sql_command_result()) {
      result = std::make_shared<proto::Relation>(response.sql_command_result().relation());
    }
  });
  return result;
}

}  // namespace sparkctl::connect
