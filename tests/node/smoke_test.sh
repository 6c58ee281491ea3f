#!/usr/bin/env bash
# Smoke test of the local cluster's node (scripts/local-cluster.sh), with the
# Spark image's Python as server and client: the scheduler places pods, they
# run as containers, get addresses on the bridge, reach each other through a
# ClusterIP Service (kube-proxy) and a headless Service name (CoreDNS), and
# the API server through the kubernetes Service with their service-account
# token; logs, exec and port-forward work through the kubelet; a memory
# limit is enforced (OOMKilled).
#
# Needs the cluster up: SPARKCTL_LOCAL_CLUSTER_DIR names its state dir.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=/dev/null
source "${SPARKCTL_LOCAL_CLUSTER_DIR:?run through ctest (fixture real_node)}/env"
KUBECTL="${SPARKCTL_CACHE_DIR:-$ROOT/.cache}/bin/kubectl"
NS="node-smoke-$$"
k() { "$KUBECTL" -n "$NS" "$@"; }

# shellcheck source=tests/support/checks.sh
source "$ROOT/tests/support/checks.sh"
cleanup() { "$KUBECTL" delete namespace "$NS" --wait=false >/dev/null 2>&1; }
trap cleanup EXIT

"$KUBECTL" create namespace "$NS" >/dev/null
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: server, labels: {app: server}}
spec:
  hostname: server
  subdomain: server-headless
  containers:
  - name: main
    image: $SPARKCTL_IMAGE
    imagePullPolicy: Never
    command: [python3, -c, "import http.server as h; h.ThreadingHTTPServer(('', 8080), h.SimpleHTTPRequestHandler).serve_forever()"]
    workingDir: /opt/sparkctl/data
---
apiVersion: v1
kind: Service
metadata: {name: server}
spec: {selector: {app: server}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: server-headless}
spec: {clusterIP: None, selector: {app: server}, ports: [{port: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: hungry}
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: $SPARKCTL_IMAGE
    imagePullPolicy: Never
    command: [python3, -c, "b = bytearray(256 * 1024 * 1024); print(len(b))"]
    resources: {limits: {memory: 64Mi}}
EOF
"$KUBECTL" create rolebinding smoke-view -n "$NS" --clusterrole=view --serviceaccount="$NS:default" >/dev/null

check "server pod Ready on the node" k wait --for=condition=Ready pod/server --timeout=90s
check "placed by the scheduler" bash -c "[[ \$('$KUBECTL' -n $NS get pod server -o jsonpath='{.spec.nodeName}') == sparkctl-node ]]"
k run client --image="$SPARKCTL_IMAGE" --image-pull-policy=Never --restart=Never --command -- python3 -c '
import json, socket, ssl, urllib.request, time
print("headless", socket.gethostbyname("server.server-headless"))
for attempt in range(20):  # a ClusterIP answers about a second after its pod turns Ready
    try:
        print("service", len(urllib.request.urlopen("http://server/titanic.csv", timeout=5).read()), "bytes"); break
    except OSError: time.sleep(0.5)
t = "/var/run/secrets/kubernetes.io/serviceaccount/"
request = urllib.request.Request("https://kubernetes.default.svc/api/v1/namespaces/'"$NS"'/pods",
                                 headers={"Authorization": "Bearer " + open(t + "token").read()})
pods = json.load(urllib.request.urlopen(request, context=ssl.create_default_context(cafile=t + "ca.crt")))
print("api", sorted(p["metadata"]["name"] for p in pods["items"]))
' >/dev/null
check "client pod Succeeded" k wait --for=jsonpath='{.status.phase}'=Succeeded pod/client --timeout=90s
check "DNS, ClusterIP Service and in-cluster API from a pod (logs)" bash -c "
  out=\$('$KUBECTL' -n $NS logs client); echo \"\$out\"
  grep -q '^headless 10.244.0.' <<<\"\$out\" && grep -q '^service 6[0-9]* bytes' <<<\"\$out\" && grep -q \"^api .*'client'\" <<<\"\$out\""
check "exec" bash -c "[[ \$('$KUBECTL' -n $NS exec server -- python3 -c 'print(6 * 7)') == 42 ]]"
check "port-forward" python3 - "$KUBECTL" "$NS" <<'EOF'
import subprocess, sys, time, urllib.request
kubectl, ns = sys.argv[1:3]
forward = subprocess.Popen([kubectl, "-n", ns, "port-forward", "pod/server", ":8080"], stdout=subprocess.PIPE, text=True)
try:
    line = forward.stdout.readline()  # "Forwarding from 127.0.0.1:PORT -> 8080"
    port = line.split("127.0.0.1:")[1].split()[0]
    body = urllib.request.urlopen(f"http://127.0.0.1:{port}/titanic.csv", timeout=10).read()
    assert body.startswith(b"PassengerId"), body[:40]
finally:
    forward.terminate()
    forward.wait()
EOF
check "a 64Mi limit is enforced (OOMKilled)" bash -c "
  '$KUBECTL' -n $NS wait --for=jsonpath='{.status.phase}'=Failed pod/hungry --timeout=90s >/dev/null &&
  [[ \$('$KUBECTL' -n $NS get pod hungry -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}') == OOMKilled ]]"
echo "$passed passed, $failed failed"
((failed == 0))
