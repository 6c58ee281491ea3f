# Compiles through ccache when the machine has it, with its cache in
# SPARKCTL_CACHE_DIR and paths taken relative to the source folder, so a
# second build of the same sources at the same depth (the external-job
# test's build beside this one, a rebuild after `make clean`) takes its
# objects from the cache instead of compiling sparkctl once more.
option(SPARKCTL_CCACHE "Compile through ccache when it is installed" ON)
if(SPARKCTL_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(SPARKCTL_CCACHE_PROGRAM ccache)
  if(SPARKCTL_CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env
        CCACHE_DIR=${SPARKCTL_CACHE_DIR}/ccache
        CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}
        CCACHE_NOHASHDIR=true
        CCACHE_MAXSIZE=4G
        ${SPARKCTL_CCACHE_PROGRAM})
  endif()
endif()
