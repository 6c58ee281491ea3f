#include "sparkctl/core/logging.hpp"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace sparkctl {

void setup_logging(int verbose, bool quiet, std::ostream& stream) {
  // Replaces the logger of an earlier call: tests run several command lines in one process.
  spdlog::drop("sparkctl");
  std::shared_ptr<spdlog::logger> logger;
  if (&stream == &std::cerr) {
    logger = spdlog::stderr_color_mt("sparkctl");
  } else {
    logger = std::make_shared<spdlog::logger>(
        "sparkctl", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream, true));
    spdlog::register_logger(logger);
  }
  logger->set_pattern("%^%l%$: %v");
  spdlog::level::level_enum level = spdlog::level::info;
  if (quiet) level = spdlog::level::warn;
  if (verbose == 1) level = spdlog::level::debug;
  if (verbose >= 2) level = spdlog::level::trace;
  logger->set_level(level);
  spdlog::set_default_logger(logger);
}

}  // namespace sparkctl
