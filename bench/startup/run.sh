#!/usr/bin/env bash
# Startup benchmark: time-to-ready and RSS of Switchboard against Apache Karaf and bare
# Felix + SCR + ConfigAdmin, measured in one run by the shared harness (startup.sh).
#
# Builds nothing: expects distribution/target/switchboard.jar (mvn -B -q install -DskipTests).
#   OUT=...                   results, logs and downloads (default: <repo>/bench-out/startup, git-ignored)
#   SHARED_BENCH=...          the shared harness directory (default: <repo>/../shared/bench)
#   SWITCHBOARD_JAVA_OPTS=... JVM options for Switchboard's launches (default: the README's run command's)
#   SWITCHBOARD_READY_PORT=N  web console port that marks Switchboard ready (default 8080, the shipped
#                             default); another port is written into the fresh home's etc/ before the
#                             first boot, for machines where something else uses 8080
#   RUNS, START_TIMEOUT, KARAF_VERSION are passed through to the harness.
# Prints the harness table, then the two ratios against the targets; the exit code is 0 when the
# harness produced figures for both Switchboard and Karaf, whether or not the targets are met.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
HARNESS="$SHARED_BENCH/startup.sh"
JAR="$ROOT/distribution/target/switchboard.jar"
OUT="${OUT:-$ROOT/bench-out/startup}"
READY_PORT="${SWITCHBOARD_READY_PORT:-8080}"
PORTS="$READY_PORT 8101 8102 1099 44444"
READY_TARGET=2.0   # karaf time / switchboard time, at least
RSS_TARGET=0.7     # switchboard RSS / karaf RSS, at most
# the JVM options of the run command in README.md: a small heap with the serial collector
JAVA_OPTS_DEFAULT="-XX:+UseSerialGC -Xms32m -Xmx512m"

die() { echo "bench/startup: $*" >&2; exit 1; }

[ -f "$JAR" ] || die "$JAR is missing; build it first: mvn -B -q install -DskipTests"
[ -x "$HARNESS" ] || [ -f "$HARNESS" ] || die "shared harness $HARNESS not found (set SHARED_BENCH)"
for p in $PORTS; do
  if ss -Hlnt "sport = :$p" 2>/dev/null | grep -q .; then
    die "port $p is in use; stop whatever listens there (ss -lntp 'sport = :$p') and retry"
  fi
done

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# A copy, so that a rebuild in the tree during the run cannot swap the jar between launches.
cp "$JAR" "$OUT/switchboard.jar"
# One fresh home per benchmark run: the harness's untimed first boot creates it, the timed
# launches reuse it, as a restarted server does.
HOME_DIR="$OUT/switchboard-home"
rm -rf "$HOME_DIR"
if [ "$READY_PORT" != 8080 ]; then
  mkdir -p "$HOME_DIR/etc"
  printf 'org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = %s\n' "$READY_PORT" \
    >"$HOME_DIR/etc/org.apache.felix.http.cfg"
fi

export OUT
export SWITCHBOARD_READY_PORT="$READY_PORT"
export SWITCHBOARD_START_CMD="exec java ${SWITCHBOARD_JAVA_OPTS-$JAVA_OPTS_DEFAULT} -jar $OUT/switchboard.jar --home $HOME_DIR"

echo "switchboard command: $SWITCHBOARD_START_CMD" >&2
cd "$OUT"   # the harness fills its working directory with downloads and logs
set +e
bash "$HARNESS" | tee "$OUT/result.txt"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || die "the harness failed (exit $status); see $OUT/*.log"

# The harness prints: switchboard <t>s <rss>MB vs karaf <t>s <rss>MB; ...
line=$(grep -m1 '^switchboard .* vs karaf ' "$OUT/result.txt") || die "no comparison line in the harness output"
read -r sb_t sb_rss k_t k_rss < <(echo "$line" | sed -E 's/^switchboard ([0-9.-]+)s ([0-9.-]+)MB vs karaf ([0-9.-]+)s ([0-9.-]+)MB.*/\1 \2 \3 \4/')
case "$sb_t$sb_rss$k_t$k_rss" in *-*|"") die "missing figures: $line" ;; esac

verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{ ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "MISSED" }'; }
ready_ratio=$(awk -v a="$k_t" -v b="$sb_t" 'BEGIN{printf "%.2f", a/b}')
rss_ratio=$(awk -v a="$sb_rss" -v b="$k_rss" 'BEGIN{printf "%.2f", a/b}')
echo
echo "ready time ratio karaf/switchboard = $ready_ratio (target >= $READY_TARGET: $(verdict "$ready_ratio" "$READY_TARGET" ">="))"
echo "RSS ratio switchboard/karaf = $rss_ratio (target <= $RSS_TARGET: $(verdict "$rss_ratio" "$RSS_TARGET" "<="))"
