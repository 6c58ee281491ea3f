// sparkctl's entry point; the command line is the CLI's top level's
// (top_level.cpp).
#include <unistd.h>

#include <iostream>

#include "sparkctl/cli/top_level.hpp"

int main(int argc, char** argv) {
  return sparkctl::cli::run_command_line(
      argc, argv, {&std::cout, &std::cerr, &std::cin, ::isatty(STDIN_FILENO) != 0});
}
