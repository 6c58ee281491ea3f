# One warning policy for every target of ours (not for generated code).
add_library(sparkctl_warnings INTERFACE)
target_compile_options(sparkctl_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
