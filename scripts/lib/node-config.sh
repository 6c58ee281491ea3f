# shellcheck shell=bash
# The configuration files of the local cluster's node (scripts/local-cluster.sh):
# containerd, the CNI bridge, kubelet, kube-proxy and CoreDNS. Source after
# setting STATE, CONTAINERD_ROOT, NODE_IP, BRIDGE, POD_CIDR, KUBECONFIG_FILE and PKI; every
# path a component writes is under $STATE unless the component hard-codes it
# (scripts/lib/host-state.sh lists those).

# containerd (CRI) with its own state, socket and runc root; pods' network
# namespaces are mounted under its state dir too. Its root (images, unpacked
# layers) is $CONTAINERD_ROOT, kept between clusters so that images are
# imported only when they changed. The sandbox image is ours (docker/pause),
# so nothing is pulled from a registry.
write_containerd_config() {
  mkdir -p "$STATE/containerd"
  cat >"$STATE/containerd/config.toml" <<EOF
version = 2
root = "$CONTAINERD_ROOT"
state = "$STATE/containerd/state"
# ("opt" would make /opt/containerd.)
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.internal.v1.tracing", "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.opt"]
[grpc]
  address = "$STATE/containerd/containerd.sock"
[ttrpc]
  address = "$STATE/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "localhost/sparkctl/pause:latest"
  # No CAP_SYS_RESOURCE or AppArmor here, and cgroup v1 without hugetlb.
  restrict_oom_score_adj = true
  disable_apparmor = true
  tolerate_missing_hugetlb_controller = true
  disable_hugetlb_controller = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$STATE/containerd/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
    max_conf_num = 1
EOF
}

# Debian's CNI plugins: pods on the bridge $BRIDGE, whose address $NODE_IP
# is their gateway; no masquerading (pods only talk to this machine).
write_cni_config() {
  mkdir -p "$STATE/cni/net.d"
  cat >"$STATE/cni/net.d/10-sparkctl.conflist" <<EOF
{"cniVersion": "1.0.0", "name": "sparkctl", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$NODE_IP"}]],
            "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "$STATE/cni/ipam"}}]}
EOF
}

# kubelet: cgroup v1 with the cgroupfs driver, no swap check, every file
# under $STATE. The API server reaches it with a client certificate of the
# cluster's CA and is authorized by a SubjectAccessReview, as in a real
# cluster (no anonymous access).
write_kubelet_config() {
  mkdir -p "$STATE/kubelet/root" "$STATE/kubelet/pki" "$STATE/kubelet/pods-logs" "$STATE/kubelet/volume-plugins"
  cat >"$STATE/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
failCgroupV1: false
failSwapOn: false
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$STATE/containerd/containerd.sock
imageServiceEndpoint: unix://$STATE/containerd/containerd.sock
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: $NODE_IP
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
oomScoreAdj: 0
clusterDomain: cluster.local
clusterDNS: ["$NODE_IP"]
resolvConf: /etc/resolv.conf
podLogsDir: $STATE/kubelet/pods-logs
volumePluginDir: $STATE/kubelet/volume-plugins
maxPods: 50
serializeImagePulls: false
imageGCHighThresholdPercent: 100
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
EOF
}

# kube-proxy in iptables mode, leaving the conntrack and route_localnet
# sysctls alone; NodePorts only on the node's address.
write_proxy_config() {
  mkdir -p "$STATE/proxy"
  cat >"$STATE/proxy/config.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $KUBECONFIG_FILE}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
healthzBindAddress: $NODE_IP:10256
metricsBindAddress: $NODE_IP:10249
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s, udpTimeout: 0s, udpStreamTimeout: 0s}
iptables: {localhostNodePorts: false}
nodePortAddresses: ["primary"]
EOF
}

# CoreDNS as a process on the node's address (the kubelet's clusterDNS):
# cluster.local and reverse lookups from the API server, nothing forwarded.
write_corefile() {
  mkdir -p "$STATE/dns"
  cat >"$STATE/dns/Corefile" <<EOF
.:53 {
    bind $NODE_IP
    errors
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_FILE admin
        pods insecure
        ttl 5
    }
    cache 5
}
EOF
}
