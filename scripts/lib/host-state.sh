# shellcheck shell=bash
# What the local cluster's node changes on this machine besides its own
# state dir, how `up` remembers it and how `down` puts it back
# (scripts/local-cluster.sh), and a listing of the machine's state that a
# test compares before and after a cluster's life (tests/node/).
# Source after defining log.

# Set by the kubelet (vm.*, kernel.*), the CNI bridge plugin
# (net.ipv4.ip_forward) or, in other modes than ours, kube-proxy.
HOST_SYSCTLS=(vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops
  kernel/keys/root_maxkeys kernel/keys/root_maxbytes net/ipv4/ip_forward
  net/ipv4/conf/all/route_localnet net/bridge/bridge-nf-call-iptables)
# Folders that components create whatever their configuration says: the CNI
# result cache, the kubelet's /var/log/containers links and plugin dirs.
HOST_DIRS=(/var/lib/cni /var/lib/kubelet /var/log/containers /var/log/pods
  /usr/libexec/kubernetes /run/containerd /var/lib/containerd /opt/containerd /etc/kubernetes /opt/cni)

nft_tables() { nft list tables | awk '{print $2, $3}'; }
nft_chains() { nft list chains | awk '/^table/ {t = $2 " " $3} /^[ \t]+chain/ {print t, $2}'; }

# host_save DIR: what host_restore needs, written once per cluster.
host_save() {
  local dir="$1" s h
  mkdir -p "$dir"
  for s in "${HOST_SYSCTLS[@]}"; do
    [[ -r "/proc/sys/$s" ]] && echo "$s $(cat "/proc/sys/$s")"
  done >"$dir/sysctls"
  for h in "${HOST_DIRS[@]}"; do
    [[ -e "$h" ]] && echo "$h"
  done >"$dir/dirs"
  nft_tables >"$dir/nft-tables"
  nft_chains >"$dir/nft-chains"
}

# Removes the netfilter objects made since host_save (kube-proxy --cleanup
# leaves the kubelet's and some of its own): tables that are new, and in old
# tables the new chains with the rules of old chains that jump to them.
netfilter_restore() {
  local dir="$1" family table chain handle
  nft_tables | while read -r family table; do
    grep -qxF "$family $table" "$dir/nft-tables" || nft delete table "$family" "$table"
  done
  local new_chains
  new_chains="$(nft_chains | grep -vxF -f "$dir/nft-chains" || true)"
  [[ -n "$new_chains" ]] || return 0
  while read -r family table chain; do
    nft -a list table "$family" "$table" | awk -v c="$chain" \
      '($0 ~ "(jump|goto) " c "( |$)") && match($0, /# handle [0-9]+/) {print substr($0, RSTART + 9, RLENGTH - 9)}' |
      while read -r handle; do nft delete rule "$family" "$table" handle "$handle"; done
  done <<<"$new_chains"
  while read -r family table chain; do nft flush chain "$family" "$table" "$chain"; done <<<"$new_chains"
  while read -r family table chain; do nft delete chain "$family" "$table" "$chain"; done <<<"$new_chains"
}

# host_restore DIR: netfilter, sysctls and folders as host_save found them.
host_restore() {
  local dir="$1" s v h
  [[ -f "$dir/sysctls" ]] || return 0
  netfilter_restore "$dir" || log "netfilter: could not remove everything (nft list ruleset)"
  while read -r s v; do
    [[ "$(cat "/proc/sys/$s")" == "$v" ]] || echo "$v" >"/proc/sys/$s"
  done <"$dir/sysctls"
  for h in "${HOST_DIRS[@]}"; do
    [[ -e "$h" ]] && ! grep -qxF "$h" "$dir/dirs" && rm -rf "$h"
  done
  rm -f "$dir/sysctls" "$dir/dirs" "$dir/nft-tables" "$dir/nft-chains"
}

# host_listing: the machine's state a node could change, one item a line,
# sorted: the node's processes (by their programs, or a path under any
# local-cluster state dir, or a kubepods cgroup), mounts, cgroups of
# Kubernetes, netfilter rules, sysctls (less the ones that change by
# themselves), links, addresses, routes, network namespaces, and the folders
# two levels down the system's state trees.
host_listing() {
  local pid exe
  for pid in /proc/[0-9]*; do
    exe="$(readlink "$pid/exe" 2>/dev/null)" || continue
    case "${exe##*/}" in
    containerd | containerd-shim* | runc | kubelet | kube-proxy | kube-scheduler | kube-controller-manager | coredns)
      echo "process: $exe"
      continue
      ;;
    esac
    if grep -q kubepods "$pid/cgroup" 2>/dev/null || tr '\0' ' ' <"$pid/cmdline" 2>/dev/null | grep -q 'local-cluster/'; then
      echo "process: $exe $(tr '\0' ' ' <"$pid/cmdline" | cut -c1-120)"
    fi
  done | sort
  awk '{print "mount:", $2, $3}' /proc/mounts | sort
  find /sys/fs/cgroup -mindepth 1 -maxdepth 6 -type d -name 'kubepods*' -printf 'cgroup: %p\n' 2>/dev/null | sort
  nft list ruleset 2>/dev/null | sed -E 's/counter packets [0-9]+ bytes [0-9]+/counter/; s/^/netfilter: /'
  sysctl -a 2>/dev/null |
    grep -vE '^(fs\.(dentry-state|file-nr|inode-nr|inode-state|aio-nr|quota\.[a-z_]+)|kernel\.(ns_last_pid|random\.[a-z_]+|pty\.nr)|net\.netfilter\.nf_conntrack_count) ' |
    sed 's/^/sysctl: /'
  ip -o link | awk '{print "link:", $2}' | sort
  ip -o addr | awk '{print "address:", $2, $3, $4}' | sort
  ip route | sed 's/^/route: /' | sort
  ip netns list 2>/dev/null | sed 's/^/netns: /'
  find /etc /opt /run /usr/libexec /var/lib /var/log /var/run -mindepth 1 -maxdepth 2 -type d \
    -not -path '/run/user/*' -printf 'folder: %p\n' 2>/dev/null | sort
}
