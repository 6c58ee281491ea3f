# Kubernetes test cluster for ctest (etcd + kube-apiserver with the
# SparkApplication CRDs; see scripts/test-cluster.sh).
#
# Contract:
#   include(cmake/TestCluster.cmake)        # after enable_testing()
#   sparkctl_add_k8s_test_cluster()         # once
#   sparkctl_use_k8s_test_cluster(<test>... [RESTARTS_APISERVER])
#
# sparkctl_add_k8s_test_cluster() registers these tests (label "k8s"):
#   k8s_servers_build   FIXTURES_SETUP k8s_servers: scripts/build-k8s-test-servers.sh
#                       (seconds when built; a cold build takes several minutes)
#   k8s_cluster_up      FIXTURES_SETUP k8s_cluster, needs k8s_servers
#   k8s_cluster_down    FIXTURES_CLEANUP k8s_cluster (stops it, deletes its dir)
#   k8s_cluster_smoke   tests/k8s/cluster_smoke_test.sh, needs k8s_cluster
# so `ctest -R <test>` on a test that needs the cluster brings it up first and
# down after, and `ctest -L k8s` runs just these.
#
# sparkctl_use_k8s_test_cluster(<test>...) gives each test
#   FIXTURES_REQUIRED k8s_cluster
#   ENVIRONMENT SPARKCTL_TEST_KUBECONFIG=<kubeconfig>   contexts: admin (token,
#       system:masters, the current one), admin-cert (client certificate,
#       system:masters), viewer (token; may only get/list/watch
#       sparkapplications in namespace "default", anything else is 403)
#   ENVIRONMENT SPARKCTL_TEST_CLUSTER_DIR=<state dir>   whose file "env" holds
#       SPARKCTL_TEST_APISERVER_URL, _CA_FILE, _ADMIN_TOKEN, _VIEWER_TOKEN,
#       _CLIENT_CERT, _CLIENT_KEY, _KUBECTL, _K8S_VERSION
#   ENVIRONMENT SPARKCTL_TEST_CLUSTER_SCRIPT=<scripts/test-cluster.sh>, to call
#       e.g. `"$SPARKCTL_TEST_CLUSTER_SCRIPT" restart-apiserver` (same port)
#   label "k8s".
# With RESTARTS_APISERVER the tests also get RUN_SERIAL, so `ctest -j` never
# runs them while another test is talking to the API server.
# Namespaces "default" and "spark" exist; no controllers run, so nothing acts
# on a SparkApplication. The cluster is shared by the tests of one ctest run:
# use unique resource names. Its state dir is per build tree
# (<build>/k8s-test-cluster), so build trees can test in parallel.

get_filename_component(_SPARKCTL_TEST_CLUSTER_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(SPARKCTL_TEST_CLUSTER_DIR "${CMAKE_BINARY_DIR}/k8s-test-cluster"
    CACHE PATH "State dir of the Kubernetes test cluster used by ctest")

function(sparkctl_add_k8s_test_cluster)
  set(root "${_SPARKCTL_TEST_CLUSTER_ROOT}")
  set(script "${root}/scripts/test-cluster.sh")
  set(env "SPARKCTL_TEST_CLUSTER_DIR=${SPARKCTL_TEST_CLUSTER_DIR}")

  add_test(NAME k8s_servers_build COMMAND bash "${root}/scripts/build-k8s-test-servers.sh")
  set_tests_properties(k8s_servers_build PROPERTIES
    FIXTURES_SETUP k8s_servers TIMEOUT 3600 LABELS k8s)

  add_test(NAME k8s_cluster_up COMMAND bash "${script}" up)
  set_tests_properties(k8s_cluster_up PROPERTIES
    FIXTURES_SETUP k8s_cluster FIXTURES_REQUIRED k8s_servers
    ENVIRONMENT "${env}" TIMEOUT 300 LABELS k8s)

  add_test(NAME k8s_cluster_down COMMAND bash "${script}" down)
  set_tests_properties(k8s_cluster_down PROPERTIES
    FIXTURES_CLEANUP k8s_cluster ENVIRONMENT "${env}" TIMEOUT 120 LABELS k8s)

  add_test(NAME k8s_cluster_smoke COMMAND bash "${root}/tests/k8s/cluster_smoke_test.sh")
  sparkctl_use_k8s_test_cluster(k8s_cluster_smoke)
endfunction()

function(sparkctl_use_k8s_test_cluster)
  cmake_parse_arguments(arg "RESTARTS_APISERVER" "" "" ${ARGN})
  foreach(test IN LISTS arg_UNPARSED_ARGUMENTS)
    if(arg_RESTARTS_APISERVER)
      set_property(TEST "${test}" PROPERTY RUN_SERIAL TRUE)
    endif()
    set_property(TEST "${test}" APPEND PROPERTY FIXTURES_REQUIRED k8s_cluster)
    set_property(TEST "${test}" APPEND PROPERTY LABELS k8s)
    set_property(TEST "${test}" APPEND PROPERTY ENVIRONMENT
      "SPARKCTL_TEST_CLUSTER_DIR=${SPARKCTL_TEST_CLUSTER_DIR}"
      "SPARKCTL_TEST_KUBECONFIG=${SPARKCTL_TEST_CLUSTER_DIR}/kubeconfig"
      "SPARKCTL_TEST_CLUSTER_SCRIPT=${_SPARKCTL_TEST_CLUSTER_ROOT}/scripts/test-cluster.sh")
  endforeach()
endfunction()
