// Logging goes to stderr through spdlog so stdout stays parseable.
#pragma once

namespace sparkctl {

// verbose: 0 = info, 1 = debug, 2+ = trace; quiet: warnings and errors only.
void setup_logging(int verbose, bool quiet);

}  // namespace sparkctl
