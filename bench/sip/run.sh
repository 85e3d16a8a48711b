#!/usr/bin/env bash
# SIP registrar benchmark: digest-authenticated REGISTERs per second of Switchboard against Kamailio,
# both measured in one run by the shared harness (sip.sh, SIPp over UDP on 127.0.0.1), plus the heap
# each binding costs.
#
# Builds nothing: expects distribution/target/switchboard.jar (mvn -B -q verify -DskipTests).
#   OUT=...            results and logs (default: <repo>/bench-out/sip, git-ignored)
#   SHARED_BENCH=...   the shared harness directory (default: <repo>/../shared/bench)
#   USERS=N            users u1..uN with password pw-N, in both servers (default 100000, the harness's)
#   SIP_PORT=N         Switchboard's registrar port (default 5160); CONSOLE_PORT=N (default 18580)
#   SWITCHBOARD_JAVA_OPTS=...  JVM options (default: the README's run command's)
#   WARMUP=N           registrations (at 2000/s, WARMUP/2 users twice) that warm Switchboard's JIT before
#                      anything is measured (default 20000; 0: none)
#   DURATION, RATE, RAMP_RATES, RAMP_STEP, RETRANS_OK are passed through to the harness.
#
# The harness's users have passwords like "pw-17", which the account policy refuses, and importing
# 100 000 users through the CSV import would spend ~0.3 s of PBKDF2 on each. So the accounts are
# written directly into the fresh home as SIP-only accounts: the digest secrets (MD5 and SHA-256 of
# user:bench.test:password, exactly what the user directory computes when a password is set) and no
# console password (a hash field that never verifies). Both registrars challenge with MD5, since SIPp
# 3.6 answers only MD5 challenges.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
HARNESS="$SHARED_BENCH/sip.sh"
JAR="$ROOT/distribution/target/switchboard.jar"
OUT="${OUT:-$ROOT/bench-out/sip}"
USERS="${USERS:-100000}"
SIP_PORT="${SIP_PORT:-5160}"
CONSOLE_PORT="${CONSOLE_PORT:-18580}"
JAVA_OPTS_DEFAULT="-XX:+UseSerialGC -Xms32m -Xmx512m"

die() { echo "bench/sip: $*" >&2; exit 1; }

[ -f "$JAR" ] || die "$JAR is missing; build it first: mvn -B -q verify -DskipTests"
[ -f "$HARNESS" ] || die "shared harness $HARNESS not found (set SHARED_BENCH)"
ss -Hlnu "sport = :$SIP_PORT" | grep -q . && die "UDP port $SIP_PORT is in use (set SIP_PORT)"
ss -Hlnt "sport = :$CONSOLE_PORT" | grep -q . && die "TCP port $CONSOLE_PORT is in use (set CONSOLE_PORT)"
command -v python3 >/dev/null || die "python3 is needed to write the accounts"

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cp "$JAR" "$OUT/switchboard.jar"
HOME_DIR="$OUT/switchboard-home"
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR/etc" "$HOME_DIR/data/accounts"
printf 'org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = %s\n' "$CONSOLE_PORT" >"$HOME_DIR/etc/org.apache.felix.http.cfg"
printf 'apply = false\n' >"$HOME_DIR/etc/switchboard.host.cfg"
printf 'domain = bench.test\n' >"$HOME_DIR/etc/switchboard.network.cfg"
printf 'port = %s\ndigest.algorithms = MD5\n' "$SIP_PORT" >"$HOME_DIR/etc/switchboard.sip.cfg"

python3 - "$USERS" "$HOME_DIR/data/accounts/users" <<'PY'
import hashlib, sys
users, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("# name;role;extension;password hash;realm;md5;sha256;md5 ext;sha256 ext\n")
    for n in range(1, users + 1):
        a1 = f"u{n}:bench.test:pw-{n}".encode()
        f.write(f"u{n};user;;sip-only;bench.test;{hashlib.md5(a1).hexdigest()};{hashlib.sha256(a1).hexdigest()};;\n")
PY
chmod 600 "$HOME_DIR/data/accounts/users"

java ${SWITCHBOARD_JAVA_OPTS-$JAVA_OPTS_DEFAULT} -jar "$OUT/switchboard.jar" --home "$HOME_DIR" \
  </dev/null >"$OUT/switchboard.out" 2>&1 &
SB=$!
trap 'kill $SB 2>/dev/null; wait $SB 2>/dev/null' EXIT
for _ in $(seq 600); do
  ss -Hlnu "sport = :$SIP_PORT" | grep -q . && break
  kill -0 $SB 2>/dev/null || die "switchboard ended: $(tail -5 "$OUT/switchboard.out")"
  sleep 0.1
done
ss -Hlnu "sport = :$SIP_PORT" | grep -q . || die "the registrar did not bind UDP $SIP_PORT within 60 s"
ADMIN_PW=$(cat "$HOME_DIR/data/initial-admin-password")

# heap after a full collection, in KB (jcmd GC.heap_info after GC.run)
heap_kb() {
  jcmd "$SB" GC.run >/dev/null
  jcmd "$SB" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); s += v } } END { print s + 0 }'
}
bindings() {
  curl -s -u "admin:$ADMIN_PW" "http://127.0.0.1:$CONSOLE_PORT/system/console/phones" \
    | grep -o "<td>bindings</td><td>[0-9]*" | grep -o "[0-9]*$"
}
heap_before=$(heap_kb)
# The JIT compiles the registrar's paths during its first thousands of requests; a long-running server is
# past that. Warm it with WARMUP registrations at 2000/s before anything is measured: WARMUP/2 users, each
# registering twice, so that both paths of a running registrar (a new binding, a refresh) are compiled
# (their bindings count in the heap per binding like the others).
WARMUP="${WARMUP:-20000}"
if [ "$WARMUP" -gt 0 ]; then
  awk -v n="$(( WARMUP / 2 < USERS ? WARMUP / 2 : USERS ))" 'BEGIN { print "SEQUENTIAL"; for (i = 1; i <= n; i++) printf "u%d;pw-%d;[authentication username=u%d password=pw-%d]\n", i, i, i, i }' \
    >"$OUT/warmup-users.csv"
  (cd "$OUT" && timeout $((WARMUP / 2000 + 60)) sipp -sf "$SHARED_BENCH/sip/reg_auth.xml" -inf "$OUT/warmup-users.csv" \
    -r 2000 -m "$WARMUP" -t u1 -i 127.0.0.1 -p 5091 -nostdin -nd -recv_timeout 5000 "127.0.0.1:$SIP_PORT" \
    >"$OUT/warmup.out" 2>&1) || echo "bench/sip: warm-up had failures (see $OUT/warmup.out)" >&2
fi

export OUT USERS SWITCHBOARD_SIP="127.0.0.1:$SIP_PORT" SWITCHBOARD_SIP_MODE=auth SWITCHBOARD_PID=$SB MODES=auth
cd "$OUT"
set +e
bash "$HARNESS" | tee "$OUT/result.txt"
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || die "the harness failed (exit $status); see $OUT"
# CPU per registration in the fixed run (server CPU, 100% = one core, over registrations per second): the
# machine's load moves it much less than the rates, since it counts only the time each server was running
awk '$3 == "fixed" && $5 > 0 && $9 ~ /%$/ { printf "%s: %.0f us of CPU per registration (both requests) in the fixed run\n", $1, $9 * 10000 / $5 }' \
  "$OUT/result.txt"

sleep 35   # answers kept for retransmissions (32 s) are dropped by then: only the bindings remain
heap_after=$(heap_kb)
n=$(bindings)
echo "switchboard: $n bindings; heap after GC $((heap_before / 1024)) MB before the load, $((heap_after / 1024)) MB after;" \
  "$(awk -v a="$heap_before" -v b="$heap_after" -v n="$n" 'BEGIN{ if (n > 0) printf "%.0f bytes per binding", (b - a) * 1024 / n; else print "no bindings" }')" \
  "(RSS $(awk '/^VmRSS:/{print int($2/1024)}' /proc/$SB/status) MB)"
