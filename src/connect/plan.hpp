// Plumbing shared by DataFrame, Session, reader and writer: new relations
// stamped with a plan id, and running a command to completion.
#pragma once

#include <memory>

#include "spark/connect/base.pb.h"
#include "sparkctl/connect/client.hpp"

namespace sparkctl::connect {

std::shared_ptr<proto::Relation> new_relation(Client& client);

// Runs a command (a write, a SQL statement); returns its SQL result
// relation when the server sends one (SqlCommand), else nullptr.
std::shared_ptr<proto::Relation> run_command(Client& client, const proto::Command& command);

}  // namespace sparkctl::connect
