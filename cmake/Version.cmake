# Generates version.cpp at build time so `sparkctl --version` always names
# the commit the binary was built from, without re-running cmake.
set(SPARKCTL_VERSION_CPP "${PROJECT_BINARY_DIR}/generated/version.cpp")
add_custom_target(sparkctl_version_info
  COMMAND ${CMAKE_COMMAND}
          -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${SPARKCTL_VERSION_CPP}
          -DVERSION=${PROJECT_VERSION}
          -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${SPARKCTL_VERSION_CPP}
  COMMENT "Recording the git commit")
