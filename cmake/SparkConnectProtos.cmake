# Generates the Spark Connect C++ protocol code at build time and builds it
# as the static library `sparkctl_connect_proto`.
#
# The protocol is not checked in. It comes from the published pyspark
# package in SPARKCTL_PYTHON's environment: scripts/spark-connect-descriptors.py
# pulls the serialized descriptors out of pyspark/sql/connect/proto/*_pb2.py
# into one FileDescriptorSet (at configure time, re-run whenever pyspark or
# the script changes), and the system protoc + grpc_cpp_plugin generate
# C++ from it with --descriptor_set_in.
#
# Include generated headers as "spark/connect/base.grpc.pb.h".

set(SPARKCTL_PYTHON "${PROJECT_SOURCE_DIR}/.cache/venv/bin/python"
    CACHE FILEPATH "Python whose site-packages holds pyspark (source of the Spark Connect protocol)")
# Generated protocol code is large (5.5 MB of C++) and never hot (Arrow
# payloads are bytes fields, copied by libprotobuf itself). Measured on 2
# cores, user CPU: -O0 -g0 51 s, -O1 -g0 70 s; so -O0 by default.
set(SPARKCTL_PROTO_CXX_FLAGS "-O0;-g0"
    CACHE STRING "Compile options for the generated Spark Connect code")

find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_program(SPARKCTL_PROTOC protoc REQUIRED)
find_program(SPARKCTL_GRPC_CPP_PLUGIN grpc_cpp_plugin REQUIRED)

if(NOT EXISTS "${SPARKCTL_PYTHON}")
  message(FATAL_ERROR "SPARKCTL_PYTHON=${SPARKCTL_PYTHON} does not exist; "
                      "install pyspark in a venv there or pass -DSPARKCTL_PYTHON=<python with pyspark>")
endif()

set(_sc_script "${PROJECT_SOURCE_DIR}/scripts/spark-connect-descriptors.py")
set(_sc_dir "${CMAKE_BINARY_DIR}/generated/spark-connect")
set(_sc_descriptors "${_sc_dir}/spark-connect.pb")
file(MAKE_DIRECTORY "${_sc_dir}")

execute_process(
  COMMAND "${SPARKCTL_PYTHON}" "${_sc_script}"
          --out "${_sc_descriptors}" --list "${_sc_dir}/protos.txt"
          --sources "${_sc_dir}/sources.txt"
          --protoc "${SPARKCTL_PROTOC}" --wkt-include "${Protobuf_INCLUDE_DIRS}"
  RESULT_VARIABLE _sc_result)
if(NOT _sc_result EQUAL 0)
  message(FATAL_ERROR "scripts/spark-connect-descriptors.py failed (${_sc_result}) using ${SPARKCTL_PYTHON}")
endif()
file(STRINGS "${_sc_dir}/protos.txt" _sc_protos)
file(STRINGS "${_sc_dir}/sources.txt" _sc_sources)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             "${_sc_script}" ${_sc_sources})

# Only base.proto declares a service; the others get message code only.
set(_sc_outputs)
foreach(_proto IN LISTS _sc_protos)
  string(REGEX REPLACE "\\.proto$" "" _stem "${_proto}")
  set(_out "${_sc_dir}/${_stem}.pb.cc" "${_sc_dir}/${_stem}.pb.h")
  set(_grpc_args)
  if(_proto STREQUAL "spark/connect/base.proto")
    list(APPEND _out "${_sc_dir}/${_stem}.grpc.pb.cc" "${_sc_dir}/${_stem}.grpc.pb.h")
    set(_grpc_args "--plugin=protoc-gen-grpc=${SPARKCTL_GRPC_CPP_PLUGIN}" "--grpc_out=${_sc_dir}")
  endif()
  add_custom_command(
    OUTPUT ${_out}
    COMMAND "${SPARKCTL_PROTOC}" "--descriptor_set_in=${_sc_descriptors}"
            "--cpp_out=${_sc_dir}" ${_grpc_args} "${_proto}"
    DEPENDS "${_sc_descriptors}" "${SPARKCTL_PROTOC}"
    COMMENT "Generating C++ for ${_proto}"
    VERBATIM)
  list(APPEND _sc_outputs ${_out})
endforeach()

add_library(sparkctl_connect_proto STATIC ${_sc_outputs})
target_include_directories(sparkctl_connect_proto SYSTEM PUBLIC "${_sc_dir}")
target_link_libraries(sparkctl_connect_proto PUBLIC gRPC::grpc++ protobuf::libprotobuf)
target_compile_features(sparkctl_connect_proto PUBLIC cxx_std_17)
target_compile_options(sparkctl_connect_proto PRIVATE ${SPARKCTL_PROTO_CXX_FLAGS} -w)
set_target_properties(sparkctl_connect_proto PROPERTIES POSITION_INDEPENDENT_CODE OFF)
