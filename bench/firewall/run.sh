#!/usr/bin/env bash
# TCP throughput from a LAN host to a WAN host through a router namespace: the kernel forwarding alone
# (no Switchboard tables) against Switchboard's router, nat and nat-dmz rulesets, applied by a running
# Switchboard. Needs root, nft, socat, and distribution/target/switchboard.jar. Prints one line per mode,
# the kernel-only figure first and last (the spread between the two is the machine's noise).
# Everything happens inside three network namespaces this script creates and deletes (198.18.0.0/15).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$(pwd)/distribution/target/switchboard.jar
OUT=${OUT:-$(pwd)/bench-out/firewall}
MB=${MB:-2000}        # megabytes sent per run
RUNS=${RUNS:-3}
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: build first" >&2; exit 1; }
mkdir -p "$OUT"
S=$$ LAN=fwb-lan-$$ RTR=fwb-rtr-$$ WAN=fwb-wan-$$
SB_PID=
cleanup() {
  [ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null || true
  [ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null || true
  for ns in $LAN $RTR $WAN; do ip netns delete "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
for ns in $LAN $RTR $WAN; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add veth-lan netns $RTR type veth peer name lan0 netns $LAN
ip link add veth-wan netns $RTR type veth peer name wan0 netns $WAN
ip -n $RTR addr add 198.18.1.254/24 dev veth-lan; ip -n $RTR addr add 198.19.0.2/24 dev veth-wan
ip -n $LAN addr add 198.18.1.10/24 dev lan0; ip -n $WAN addr add 198.19.0.1/24 dev wan0
for l in "$RTR veth-lan" "$RTR veth-wan" "$LAN lan0" "$WAN wan0"; do set -- $l; ip -n "$1" link set "$2" up; done
ip -n $LAN route add default via 198.18.1.254
ip -n $WAN route add 198.18.1.0/24 via 198.19.0.2
ip netns exec $WAN socat -u TCP-LISTEN:7100,reuseaddr,fork OPEN:/dev/null & SINK_PID=$!
sleep 0.5

throughput() {  # median MB/s of $RUNS transfers of $MB MB
  local rates=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    ip netns exec $LAN sh -c "head -c ${MB}M /dev/zero | timeout 120 socat -u - TCP:198.19.0.1:7100"
    end=$(date +%s.%N)
    rates+=("$(echo "$MB / ($end - $start)" | bc -l)")
  done
  printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" | xargs printf '%.0f'
}

ip netns exec $RTR sysctl -qw net.ipv4.ip_forward=1
printf '%-22s %s\n' "ruleset" "MB/s (median of $RUNS x $MB MB)"
printf '%-22s %s\n' "none (kernel only)" "$(throughput)"

for mode in router nat nat-dmz; do
  HOME_DIR=$OUT/home-$mode; rm -rf "$HOME_DIR"; mkdir -p "$HOME_DIR/etc"
  printf 'org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = 8080\n' > "$HOME_DIR/etc/org.apache.felix.http.cfg"
  printf 'apply = true\n' > "$HOME_DIR/etc/switchboard.host.cfg"
  printf 'lan.interface = veth-lan\nlan.address = 198.18.1.254/24\nwan.address = 198.19.0.2/24\nwan.gateway = 198.19.0.1\nmode = %s\n' "$mode" \
    > "$HOME_DIR/etc/switchboard.network.cfg"
  ip netns exec $RTR java -XX:+UseSerialGC -Xms32m -Xmx512m -jar "$JAR" --home "$HOME_DIR" > "$OUT/$mode.out" 2>&1 </dev/null & SB_PID=$!
  for _ in $(seq 300); do grep -q "mode $mode\." "$HOME_DIR/data/firewall/ruleset.nft" 2>/dev/null && break; sleep 0.1; done
  grep -q "mode $mode\." "$HOME_DIR/data/firewall/ruleset.nft" || { echo "mode $mode not applied, see $OUT/$mode.out" >&2; exit 1; }
  printf '%-22s %s\n' "switchboard $mode" "$(throughput)"
  kill "$SB_PID"; wait "$SB_PID" 2>/dev/null || true; SB_PID=
  ip netns exec $RTR nft delete table inet switchboard 2>/dev/null || true
  ip netns exec $RTR nft delete table ip switchboard_nat 2>/dev/null || true
done
ip netns exec $RTR sysctl -qw net.ipv4.ip_forward=1
printf '%-22s %s\n' "none, again" "$(throughput)"
