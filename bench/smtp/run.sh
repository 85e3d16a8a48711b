#!/usr/bin/env bash
# SMTP benchmark: messages/s accepted and delivered into Maildir (fsynced) by Switchboard against a private
# Postfix delivering to Maildir, in one run of the shared harness (smtp.sh, smtp-source -s 20 -l 4096).
#
# Builds nothing: expects distribution/target/switchboard.jar (mvn -B -q verify -DskipTests).
# Makes a fresh home under OUT with the office domain bench.test and a user "bench" (the harness's
# recipient bench@bench.test), starts Switchboard on it with SMTP on 127.0.0.1:SMTP_PORT, runs the
# harness, stops Switchboard by its PID.
#   OUT=...            results and the home (default: <repo>/bench-out/smtp)
#   SHARED_BENCH=...   the shared harness directory (default: <repo>/../shared/bench)
#   SMTP_PORT=2625     Switchboard's SMTP port for the run
#   MESSAGES, SMTP_TIMEOUT are passed through to the harness.
# The harness's last line is "ratio switchboard/postfix = X.XX" (accepted msg/s; higher is better).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SHARED_BENCH="${SHARED_BENCH:-$ROOT/../shared/bench}"
JAR="$ROOT/distribution/target/switchboard.jar"
OUT="${OUT:-$ROOT/bench-out/smtp}"
SMTP_PORT="${SMTP_PORT:-2625}"
CONSOLE_PORT=18625

die() { echo "bench/smtp: $*" >&2; exit 1; }
[ -f "$JAR" ] || die "$JAR is missing; build it first: mvn -B -q verify -DskipTests"
[ -f "$SHARED_BENCH/smtp.sh" ] || die "shared harness $SHARED_BENCH/smtp.sh not found (set SHARED_BENCH)"
for p in "$SMTP_PORT" "$CONSOLE_PORT"; do
  ss -Hlnt "sport = :$p" 2>/dev/null | grep -q . && die "port $p is in use"
done

mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
HOME_DIR="$OUT/switchboard-home"
rm -rf "$HOME_DIR"; mkdir -p "$HOME_DIR/etc" "$HOME_DIR/data/accounts"
cat >"$HOME_DIR/etc/org.apache.felix.http.cfg" <<CFG
org.apache.felix.http.host = 127.0.0.1
org.osgi.service.http.port = $CONSOLE_PORT
CFG
echo "apply = false" >"$HOME_DIR/etc/switchboard.host.cfg"
echo "domain = bench.test" >"$HOME_DIR/etc/switchboard.network.cfg"
printf 'address = 127.0.0.1\nsmtp.port = %s\nsubmission.port = 0\nsmtps.port = 0\npop3.port = 0\npop3s.port = 0\n' "$SMTP_PORT" \
  >"$HOME_DIR/etc/switchboard.mail.cfg"
# the recipient's account: a PBKDF2 hash as core writes it (its password is never used here)
python3 - "$HOME_DIR/data/accounts/users" <<'PY'
import base64, hashlib, os, sys
salt = os.urandom(16)
digest = hashlib.pbkdf2_hmac("sha256", os.urandom(16).hex().encode(), salt, 1000, 32)
b64 = lambda b: base64.b64encode(b).decode().rstrip("=")
open(sys.argv[1], "w").write(f"bench;user;;pbkdf2-sha256$1000${b64(salt)}${b64(digest)}\n")
PY

java -XX:+UseSerialGC -Xms32m -Xmx512m -jar "$JAR" --home "$HOME_DIR" >"$OUT/switchboard.out" 2>&1 </dev/null &
SB=$!
trap 'kill "$SB" 2>/dev/null; wait "$SB" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  ss -Hlnt "sport = :$SMTP_PORT" 2>/dev/null | grep -q . && break
  kill -0 "$SB" 2>/dev/null || die "switchboard ended: $(tail -5 "$OUT/switchboard.out")"
  sleep 0.5
done
ss -Hlnt "sport = :$SMTP_PORT" 2>/dev/null | grep -q . || die "switchboard's SMTP port $SMTP_PORT did not open"

OUT="$OUT/harness" SWITCHBOARD_SMTP="127.0.0.1:$SMTP_PORT" SWITCHBOARD_MAILDIR="$HOME_DIR/data/mail/bench/Maildir" \
  bash "$SHARED_BENCH/smtp.sh"
