#!/usr/bin/env bash
# DNS benchmark: Switchboard's DNS server against unbound (1 thread) and dnsmasq, measured in one run
# by the shared harness (dns.sh): same zone (bench.test., 500 hosts, AAAA, 50 MX), same dnsperf query mix.
#
# Builds nothing: expects distribution/target/switchboard.jar (mvn -B -q verify -DskipTests).
#   OUT=...             results and logs (default: <repo>/bench-out/dns, git-ignored)
#   SHARED_BENCH=...    the shared harness directory (default: <repo>/../shared/bench)
#   DURATION=15         seconds of load per system (passed through)
#   SWITCHBOARD_PORT=5353
#   SWITCHBOARD_JAVA_OPTS=...  JVM options (default: the README's run command's)
# A first short pass of the harness only writes its dataset; the zone's records then become static
# records of a fresh Switchboard home (one etc/switchboard.dns.record-*.cfg each, as an admin would
# write them), Switchboard starts stand-alone on 127.0.0.1:SWITCHBOARD_PORT, and the measured pass runs
# all three systems. Prints the harness table and its last line, the ratio against the best peer,
# then the ratio against each peer.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
HARNESS="$SHARED_BENCH/dns.sh"
JAR="$ROOT/distribution/target/switchboard.jar"
OUT="${OUT:-$ROOT/bench-out/dns}"
PORT="${SWITCHBOARD_PORT:-5353}"
JAVA_OPTS_DEFAULT="-XX:+UseSerialGC -Xms32m -Xmx512m"
READY_TIMEOUT=120

die() { echo "bench/dns: $*" >&2; exit 1; }

[ -f "$JAR" ] || die "$JAR is missing; build it first: mvn -B -q verify -DskipTests"
[ -f "$HARNESS" ] || die "shared harness $HARNESS not found (set SHARED_BENCH)"
if ss -Hlnu "sport = :$PORT" 2>/dev/null | grep -q .; then die "UDP port $PORT is in use (set SWITCHBOARD_PORT)"; fi

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cp "$JAR" "$OUT/switchboard.jar"

echo "bench/dns: writing the dataset (a 1 s pass of the harness)" >&2
(cd "$OUT" && DURATION=1 OUT="$OUT" timeout 300 bash "$HARNESS" >"$OUT/dataset-pass.txt" 2>&1) || true
[ -s "$OUT/records.txt" ] || die "the harness wrote no $OUT/records.txt: $(tail -3 "$OUT/dataset-pass.txt")"

HOME_DIR="$OUT/switchboard-home"
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR/etc"
CONSOLE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = %s\n' "$CONSOLE_PORT" >"$HOME_DIR/etc/org.apache.felix.http.cfg"
printf 'apply = false\n' >"$HOME_DIR/etc/switchboard.host.cfg"
printf 'domain = bench.test\n' >"$HOME_DIR/etc/switchboard.network.cfg"
printf 'address = 127.0.0.1\nport = %s\nforwarders.enabled = false\n' "$PORT" >"$HOME_DIR/etc/switchboard.dns.cfg"
# records.txt lines: "fqdn TYPE rdata"; the apex SOA and NS are Switchboard's own
awk -v etc="$HOME_DIR/etc" '$2 != "SOA" && $2 != "NS" {
    name = $1; sub(/\.bench\.test\.$/, "", name); type = $2; $1 = ""; $2 = ""; sub(/^ +/, "")
    f = etc "/switchboard.dns.record-" NR ".cfg"
    printf "name = %s\ntype = %s\nvalue = %s\nttl = 3600\n", name, type, $0 > f; close(f) }' "$OUT/records.txt"
echo "bench/dns: $(ls "$HOME_DIR/etc" | grep -c '^switchboard.dns.record-') static records in $HOME_DIR/etc" >&2

# shellcheck disable=SC2086
setsid java ${SWITCHBOARD_JAVA_OPTS-$JAVA_OPTS_DEFAULT} -jar "$OUT/switchboard.jar" --home "$HOME_DIR" \
  </dev/null >"$OUT/switchboard.out" 2>&1 &
SB=$!
trap 'kill -TERM -- -$SB 2>/dev/null; wait $SB 2>/dev/null' EXIT
# ready when every name and type of records.txt is answered (one dig in batch mode asks them all)
awk '$2 != "SOA" && $2 != "NS" { print $1, $2 }' "$OUT/records.txt" | sort -u >"$OUT/ready-queries.txt"
expected=$(wc -l <"$OUT/ready-queries.txt")
answered=0
for _ in $(seq 1 "$READY_TIMEOUT"); do
  kill -0 $SB 2>/dev/null || die "switchboard ended: $(tail -5 "$OUT/switchboard.out")"
  answered=$(dig -p "$PORT" @127.0.0.1 +time=1 +tries=1 +noall +answer -f "$OUT/ready-queries.txt" 2>/dev/null \
    | awk '{ print $1, $4 }' | sort -u | wc -l || true)
  [ "$answered" -ge "$expected" ] && break
  sleep 1
done
[ "$answered" -ge "$expected" ] || die "only $answered of $expected names and types answered after ${READY_TIMEOUT}s"
echo "bench/dns: switchboard serves the zone on 127.0.0.1:$PORT (pid $SB)" >&2

cd "$OUT"
set +e
SWITCHBOARD_DNS="127.0.0.1:$PORT" OUT="$OUT" bash "$HARNESS" | tee "$OUT/result.txt"
status=${PIPESTATUS[0]}
set -e
awk '$1 ~ /^(unbound|dnsmasq|switchboard)$/ && $2 ~ /^[0-9]+$/ { q[$1] = $2 }
  END { if (q["switchboard"] > 0) for (p in q) if (p != "switchboard" && q[p] > 0)
          printf "ratio switchboard/%s = %.2f\n", p, q["switchboard"] / q[p] }' "$OUT/result.txt"
exit "$status"
