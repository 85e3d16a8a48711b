#!/usr/bin/env bash
# DHCP benchmark: Switchboard against Kea (memfile) with perfdhcp full DORA, in one run of the
# shared harness dhcp.sh (see its README). Run as root from a scratch directory:
#   bench/dhcp.sh            (DURATION, RATES, STEP are passed through to the harness)
# The last line is the harness's summary: ratio switchboard/kea = X.XX
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
harness="${SHARED_BENCH:-}"
for candidate in "$harness" "$repo/../shared/bench" "$repo/../../shared/bench" /work/shared/bench; do
  [ -n "$candidate" ] && [ -x "$candidate/dhcp.sh" ] && { harness="$candidate"; break; }
done
[ -x "$harness/dhcp.sh" ] || { echo "summary dhcp: FAILED: shared harness dhcp.sh not found (set SHARED_BENCH)"; exit 1; }
export SWITCHBOARD_JAR="${SWITCHBOARD_JAR:-$repo/distribution/target/switchboard.jar}"
[ -f "$SWITCHBOARD_JAR" ] || { echo "summary dhcp: FAILED: $SWITCHBOARD_JAR missing (build with mvn -B -q verify -DskipTests)"; exit 1; }
export OUT="${OUT:-$PWD/bench-out/dhcp}"
export SWITCHBOARD_DHCP_CMD="exec '$here/dhcp-server.sh'"
export SWITCHBOARD_DHCP_LEASES="$OUT/switchboard/home/data/dhcp/leases.journal"
exec "$harness/dhcp.sh"
