// A freshly started JVM runs Spark's first queries several times slower
// than later ones (classes loaded, plans and generated code compiled as
// they are first used): `server start` runs a few small queries of the
// kinds jobs run, so that the user's first job finds the server warm.
#pragma once

#include <chrono>
#include <string>

namespace sparkctl::cli {

// Runs warm-up rounds on the server at `remote` (sc://... with its token),
// at least two and more until `budget` has passed; returns how many ran. Ctrl-C ends it
// early, leaving the server running.
int warm_up_server(const std::string& remote, std::chrono::seconds budget);

}  // namespace sparkctl::cli
