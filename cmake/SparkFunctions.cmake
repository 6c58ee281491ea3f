# Generates the Spark SQL functions of the DataFrame API (one C++ function
# per function of pyspark.sql.functions that Spark resolves by name) from the
# pyspark package in SPARKCTL_PYTHON's environment, with
# scripts/spark-functions.py. Nothing generated is checked in.
#
# Defines SPARKCTL_FUNCTIONS_INCLUDE_DIR (holds
# sparkctl/connect/generated_functions.hpp), SPARKCTL_FUNCTIONS_SOURCE and
# SPARKCTL_FUNCTION_NAMES (the server names, for the test that checks them
# against Spark's own list).
set(_fn_script "${PROJECT_SOURCE_DIR}/scripts/spark-functions.py")
set(_fn_modules "${PROJECT_SOURCE_DIR}/scripts/spark_functions_table.py"
                "${PROJECT_SOURCE_DIR}/scripts/spark_functions_cpp.py")
set(SPARKCTL_FUNCTIONS_INCLUDE_DIR "${CMAKE_BINARY_DIR}/generated/spark-functions" CACHE INTERNAL
    "Where sparkctl/connect/generated_functions.hpp is generated")
set(_fn_dir "${SPARKCTL_FUNCTIONS_INCLUDE_DIR}/sparkctl/connect")
set(_fn_header "${_fn_dir}/generated_functions.hpp")
set(SPARKCTL_FUNCTIONS_SOURCE "${_fn_dir}/generated_functions.cpp")
set(SPARKCTL_FUNCTION_NAMES "${_fn_dir}/function_names.txt" CACHE INTERNAL
    "The server names of the generated functions, one a line")
set(_fn_args --header "${_fn_header}" --source "${SPARKCTL_FUNCTIONS_SOURCE}"
             --names "${SPARKCTL_FUNCTION_NAMES}")
file(MAKE_DIRECTORY "${_fn_dir}")

# Once at configure time, to learn which pyspark files it reads.
execute_process(
  COMMAND "${SPARKCTL_PYTHON}" "${_fn_script}" ${_fn_args} --sources "${_fn_dir}/sources.txt"
  RESULT_VARIABLE _fn_result)
if(NOT _fn_result EQUAL 0)
  message(FATAL_ERROR "scripts/spark-functions.py failed (${_fn_result}) using ${SPARKCTL_PYTHON}")
endif()
file(STRINGS "${_fn_dir}/sources.txt" _fn_sources)

add_custom_command(
  OUTPUT "${_fn_header}" "${SPARKCTL_FUNCTIONS_SOURCE}" "${SPARKCTL_FUNCTION_NAMES}"
  COMMAND "${SPARKCTL_PYTHON}" "${_fn_script}" ${_fn_args}
  DEPENDS "${_fn_script}" ${_fn_modules} ${_fn_sources}
  COMMENT "Generating the Spark SQL functions from pyspark"
  VERBATIM)
