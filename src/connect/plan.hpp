// Plumbing shared by DataFrame, Session, reader and writer: new relations
// stamped with a plan id, and running a command to completion.
#pragma once

#include <memory>

#include "spark/connect/base.pb.h"
#include "sparkctl/connect/client.hpp"
#include "sparkctl/connect/dataframe.hpp"

namespace sparkctl::connect {

std::shared_ptr<proto::Relation> new_relation(Client& client);

// A DataFrame over a new relation that `build` fills in (its input, ...).
template <typename Build>
DataFrame derived(const std::shared_ptr<Client>& client, Build build) {
  auto r = new_relation(*client);
  build(*r);
  return DataFrame(client, std::move(r));
}

// The literal a column stands for; Error::job naming `what` when it is not one.
const proto::Expression::Literal& literal_of(const Column& column, const char* what);

// Runs a command (a write, a SQL statement); returns its SQL result
// relation when the server sends one (SqlCommand), else nullptr.
std::shared_ptr<proto::Relation> run_command(Client& client, const proto::Command& command);

// AnalyzePlan of `relation` with the request `fill` sets up (schema, explain, ...).
template <typename Fill>
proto::AnalyzePlanResponse analyze(Client& client, Fill fill) {
  proto::AnalyzePlanRequest request;
  fill(request);
  return client.analyze(std::move(request));
}

}  // namespace sparkctl::connect
