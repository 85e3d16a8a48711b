#!/usr/bin/env bash
# Runs Switchboard as the DHCP server of ../shared/bench/dhcp.sh, inside its server namespace:
# a fresh home whose LAN is the benchmark's interface and pool, probe off (as Kea), then the jar.
# Uses BENCH_IFACE BENCH_SERVER_IP BENCH_PREFIX_LEN BENCH_POOL_START BENCH_POOL_END BENCH_OUT
# (exported by the harness) and SWITCHBOARD_JAR. The harness stops the process group.
set -euo pipefail
home="$BENCH_OUT/home"
rm -rf "$home"; mkdir -p "$home/etc"
network() {
  cat >"$home/etc/.network.part" <<CFG
lan.interface = $1
lan.address = $BENCH_SERVER_IP/$BENCH_PREFIX_LEN
mode = nat
CFG
  mv "$home/etc/.network.part" "$home/etc/switchboard.network.cfg"
}
# no LAN interface (DHCP off) until start-up is over: the harness starts its load once port 67 is
# bound, and the figures are meant for the running server, not for the JVM's start-up
network ""
# same lease time as the harness gives Kea; no ping before offers (Kea does not probe either)
cat >"$home/etc/switchboard.dhcp.cfg" <<CFG
pool.start = $BENCH_POOL_START
pool.end = $BENCH_POOL_END
lease.time = 3600
probe = none
CFG
java -XX:+UseSerialGC -Xms32m -Xmx512m -jar "$SWITCHBOARD_JAR" --home "$home" >"$BENCH_OUT/stdout" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 120); do
  grep -q '^host changes' "$BENCH_OUT/stdout" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$BENCH_OUT/stdout"; exit 1; }
  sleep 1
done
sleep 2
network "$BENCH_IFACE"
wait "$pid"
