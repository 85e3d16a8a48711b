#!/usr/bin/env bash
# Runs Switchboard as the DHCP server of ../shared/bench/dhcp.sh, inside its server namespace:
# a fresh home whose LAN is the benchmark's interface and pool, probe off (as Kea), then the jar.
# Uses BENCH_IFACE BENCH_SERVER_IP BENCH_PREFIX_LEN BENCH_POOL_START BENCH_POOL_END BENCH_OUT
# (exported by the harness) and SWITCHBOARD_JAR.
set -euo pipefail
home="$BENCH_OUT/home"
rm -rf "$home"; mkdir -p "$home/etc"
cat >"$home/etc/switchboard.network.cfg" <<CFG
lan.interface = $BENCH_IFACE
lan.address = $BENCH_SERVER_IP/$BENCH_PREFIX_LEN
mode = nat
CFG
# same lease time as the harness gives Kea; no ping before offers (Kea does not probe either)
cat >"$home/etc/switchboard.dhcp.cfg" <<CFG
pool.start = $BENCH_POOL_START
pool.end = $BENCH_POOL_END
lease.time = 3600
probe = none
CFG
exec java -XX:+UseSerialGC -Xms32m -Xmx512m -jar "$SWITCHBOARD_JAR" --home "$home"
