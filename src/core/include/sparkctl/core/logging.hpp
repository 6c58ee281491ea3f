// Logging goes to stderr through spdlog so stdout stays parseable.
#pragma once

#include <ostream>

namespace sparkctl {

// verbose: 0 = info, 1 = debug, 2+ = trace; quiet: warnings and errors only.
// `stream`: where the log lines go; the process's stderr (with colours on a
// terminal) when it is std::cerr. A command line run inside a test process
// passes the stream it captures, so its log lines are captured with its
// errors.
void setup_logging(int verbose, bool quiet, std::ostream& stream);

}  // namespace sparkctl
