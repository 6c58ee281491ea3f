# cmake -DBUILD_DIR=<build> -DCASES=<layer>_cases.cmake -P check_layers.cmake
#
# Builds one layer's probes (tests/layers/CMakeLists.txt): every positive
# probe must compile; every negative one must fail at its own #include
# because the header is not found (GCC: "No such file or directory",
# Clang: "file not found"), any other outcome fails the test.
include(${CASES})

execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${positive}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "allowed includes do not compile (${positive}):\n${out}")
endif()
message(STATUS "compiles: ${positive}")

if(NOT negative)
  return()
endif()
set(targets)
foreach(case IN LISTS negative)
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 probe)
  list(APPEND targets ${probe})
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${targets} -- ${keep_going}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(ASCII 27 escape)
string(REGEX REPLACE "${escape}\\[[0-9;]*[mK]" "" out "${out}")

set(wrong)
foreach(case IN LISTS negative)
  string(REPLACE "|" ";" case "${case}")
  list(GET case 0 probe)
  list(GET case 1 library)
  list(GET case 2 header)
  string(REGEX REPLACE "([.+])" "\\\\\\1" header_re "${header}")
  set(at "${probe}\\.cpp:[0-9]+:[0-9]+: fatal error: ")
  if(out MATCHES "${at}${header_re}: No such file or directory"
     OR out MATCHES "${at}'${header_re}' file not found")
    message(STATUS "${library} cannot include ${header}: not found")
  else()
    list(APPEND wrong "${library} includes ${header} (probe ${probe})")
  endif()
endforeach()
if(rc EQUAL 0 OR wrong)
  list(JOIN wrong "\n  " wrong)
  message(FATAL_ERROR "the layer table forbids, but the build did not refuse as it should:\n"
                      "  ${wrong}\nbuild output:\n${out}")
endif()
