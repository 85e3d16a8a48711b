#!/usr/bin/env bash
# Live patching and crash under mixed load. Switchboard runs in a network namespace of its own, joined by a
# veth pair to a client namespace (the office LAN, 192.168.2.0/24): perfdhcp (DHCP) runs there; dnsperf (DNS),
# an SMTP client that records every 250 (mail) and SIPp digest REGISTERs (SIP) run on the server namespace's
# loopback. All at bounded rates, while
#   phase "patch": every capability bundle is patched in turn through the console's Patches page, then a
#                  DNS patch whose health check fails (rolled back by the health gate);
#   phase "crash": the whole server gets kill -9 in the middle of the same load and is started again.
# Prints per service: sent, answered, lost, errors, worst latency; whether every accepted message is stored
# exactly once, whether any address was leased to two clients, and whether the registration is on disk.
#
# Builds nothing: expects distribution/target/switchboard.jar (mvn -B -q verify -DskipTests).
#   OUT=...        results and logs (default: <repo>/bench-out/patch, git-ignored)
#   DURATION=40    seconds of load per phase
#   DNS_QPS=1000  SMTP_RATE=10 (messages/s)  SIP_RATE=50 (REGISTERs/s)  DHCP_RATE=100 (DORA/s)
# Needs root, ip, dnsperf, perfdhcp, sipp, curl, python3 (Debian: iproute2 dnsperf kea-admin sip-tester curl python3).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/distribution/target/switchboard.jar"
OUT="${OUT:-$ROOT/bench-out/patch}"
DURATION="${DURATION:-40}"
DNS_QPS="${DNS_QPS:-1000}"
SMTP_RATE="${SMTP_RATE:-10}"
SIP_RATE="${SIP_RATE:-50}"
DHCP_RATE="${DHCP_RATE:-100}"
WINDOW=10
NS_S="sbpatch-srv-$$"; NS_C="sbpatch-cli-$$"; IF_S="sbp-s$$"; IF_C="sbp-c$$"

die() { echo "bench/patch: $*" >&2; echo "summary patch: FAILED: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"
for tool in ip dnsperf perfdhcp sipp curl python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ -f "$JAR" ] || die "$JAR is missing; build it first: mvn -B -q verify -DskipTests"
free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1]=="udp" else socket.SOCK_STREAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }

rm -rf "$OUT"; mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
cp "$JAR" "$OUT/switchboard.jar"
HOME_DIR="$OUT/switchboard-home"
CONSOLE=$(free_port tcp); DNS=$(free_port udp); SMTP=$(free_port tcp); SIP=$(free_port udp)
mkdir -p "$HOME_DIR/etc" "$HOME_DIR/data/accounts"
printf 'org.apache.felix.http.host = 127.0.0.1\norg.osgi.service.http.port = %s\n' "$CONSOLE" >"$HOME_DIR/etc/org.apache.felix.http.cfg"
printf 'apply = false\n' >"$HOME_DIR/etc/switchboard.host.cfg"
printf 'domain = office.lan\nlan.interface = %s\nlan.address = 192.168.2.254/24\nmode = nat\n' "$IF_S" >"$HOME_DIR/etc/switchboard.network.cfg"
printf 'pool.start = 192.168.2.1\npool.end = 192.168.2.250\nprobe = none\n' >"$HOME_DIR/etc/switchboard.dhcp.cfg"
printf 'port = %s\nforwarders.enabled = false\n' "$DNS" >"$HOME_DIR/etc/switchboard.dns.cfg"
printf 'port = %s\ndigest.algorithms = MD5\nmin.expires = 1\n' "$SIP" >"$HOME_DIR/etc/switchboard.sip.cfg"
printf 'health.window.seconds = %s\n' "$WINDOW" >"$HOME_DIR/etc/switchboard.patch.cfg"
python3 - "$SMTP" >"$HOME_DIR/etc/switchboard.mail.cfg" <<'PY'
import socket, sys
def free():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); return s.getsockname()[1]
print(f"smtp.port = {sys.argv[1]}\nsubmission.port = {free()}\nsmtps.port = {free()}\npop3.port = {free()}\npop3s.port = {free()}")
PY
# anna receives the mail (a PBKDF2 password as core writes it); phone is a SIP-only account (digest secrets)
python3 - "$HOME_DIR/data/accounts/users" <<'PY'
import base64, hashlib, os, sys
b64 = lambda b: base64.b64encode(b).decode().rstrip("=")
salt = os.urandom(16)
with open(sys.argv[1], "w") as f:
    f.write(f"anna;user;;pbkdf2-sha256$1000${b64(salt)}${b64(hashlib.pbkdf2_hmac('sha256', b'correct-horse-battery', salt, 1000))}\n")
    a1 = b"phone:office.lan:pw-phone-1"
    f.write(f"phone;user;;sip-only;office.lan;{hashlib.md5(a1).hexdigest()};{hashlib.sha256(a1).hexdigest()};;\n")
PY
chmod 600 "$HOME_DIR/data/accounts/users"
printf 'lan.office.lan A\nns.office.lan A\nsmtp.office.lan A\noffice.lan MX\n' >"$OUT/queries.txt"
cp "$ROOT/systemtests/src/test/resources/sip/register.xml" "$OUT/register.xml"
sed -i 's/@EXPECTED@/200/' "$OUT/register.xml"

in_server() { ip netns exec "$NS_S" "$@"; }
ip netns add "$NS_S"; ip netns add "$NS_C"
SB=""
cleanup() {
  [ -n "$SB" ] && kill -TERM -- "-$SB" 2>/dev/null; wait 2>/dev/null || true
  ip netns del "$NS_S" 2>/dev/null || true; ip netns del "$NS_C" 2>/dev/null || true
}
trap cleanup EXIT
ip link add "$IF_S" netns "$NS_S" type veth peer name "$IF_C" netns "$NS_C"
in_server ip addr add 192.168.2.254/24 dev "$IF_S"; in_server ip link set "$IF_S" up; in_server ip link set lo up
ip netns exec "$NS_C" ip addr add 192.168.2.251/24 dev "$IF_C"; ip netns exec "$NS_C" ip link set "$IF_C" up
start_switchboard() {
  setsid ip netns exec "$NS_S" java -XX:+UseSerialGC -Xms32m -Xmx512m -jar "$OUT/switchboard.jar" --home "$HOME_DIR" </dev/null >>"$OUT/switchboard.out" 2>&1 &
  SB=$!
  for _ in $(seq 1 90); do
    if in_server dig -p "$DNS" @127.0.0.1 +time=1 +tries=1 lan.office.lan | grep -q NOERROR \
      && in_server bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP" 2>/dev/null && grep -q "DHCP serving on" "$HOME_DIR/log/switchboard.log" 2>/dev/null \
      && [ "$(in_server curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CONSOLE/system/console/switchboard-patches")" = 401 ]; then return 0; fi
    sleep 1
  done
  die "switchboard did not come up: $(tail -5 "$OUT/switchboard.out")"
}

PASSWORD() { cat "$HOME_DIR/data/initial-admin-password"; }
PAGE="http://127.0.0.1:$CONSOLE/system/console/switchboard-patches"
CURL="$(command -v curl)"
curl() { in_server "$CURL" "$@"; }
history_lines() { curl -s -u "admin:$(PASSWORD)" "$PAGE" | grep -o '<tr><td>[^<]*</td><td>[^<]*</td>' | wc -l; }
# patch JAR: submits it on the console page and waits for its verdict; prints the history's newest row
patch() {
  local known token
  known=$(history_lines)
  token=$(curl -s -u "admin:$(PASSWORD)" "$PAGE" | grep -o "name='csrf' value='[0-9a-f]*'" | head -1 | sed "s/.*value='//;s/'//")
  curl -s -u "admin:$(PASSWORD)" --data-urlencode "csrf=$token" --data-urlencode action=patch --data-urlencode "value=$1" "$PAGE" >/dev/null
  for _ in $(seq 1 $((WINDOW * 3 + 30))); do
    if [ "$(history_lines)" -gt "$known" ]; then
      curl -s -u "admin:$(PASSWORD)" "$PAGE" | sed -n "/id='history'/,\$p" | grep -m1 '^<tr><td>' \
        | sed 's#</td><td># | #g; s#</\?t[rd]>##g; s/&#39;/'"'"'/g'
      return 0
    fi
    sleep 1
  done
  echo "no verdict on $1"
}
# jar SRC DST VERSION [ENTRY-TO-LEAVE-OUT]: the bundle with another Bundle-Version
jar() {
  python3 - "$@" <<'PY'
import re, sys, zipfile
src, dst, version = sys.argv[1:4]
drop = sys.argv[4] if len(sys.argv) > 4 else None
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for i in zi.infolist():
        if i.filename == drop: continue
        data = zi.read(i.filename)
        if i.filename == "META-INF/MANIFEST.MF":
            data = re.sub(rb"Bundle-Version: [^\r\n]+", b"Bundle-Version: " + version.encode(), data)
        zo.writestr(i, data)
PY
}

# load PHASE: starts the three loads in the background
load() {
  local phase=$1
  in_server timeout $((DURATION + 30)) dnsperf -s 127.0.0.1 -p "$DNS" -d "$OUT/queries.txt" -l "$DURATION" -Q "$DNS_QPS" -t 5 >"$OUT/$phase-dnsperf.txt" 2>&1 &
  DNSPERF=$!
  in_server timeout $((DURATION + 60)) python3 "$ROOT/bench/patch/smtp-load.py" 127.0.0.1 "$SMTP" "$SMTP_RATE" "$DURATION" "$OUT/$phase-smtp" &
  SMTPLOAD=$!
  (cd "$OUT" && in_server timeout $((DURATION + 60)) sipp -sf register.xml -m $((SIP_RATE * DURATION)) -r "$SIP_RATE" -au phone -ap pw-phone-1 \
     -key user phone -key contact "<sip:phone@127.0.0.1:5999>" -key expires 3600 -i 127.0.0.1 -p 5999 -nostdin \
     -recv_timeout 10000 -timeout $((DURATION + 50))s "127.0.0.1:$SIP" >"$OUT/$phase-sipp.txt" 2>&1) &
  SIPP=$!
  ip netns exec "$NS_C" timeout $((DURATION + 30)) perfdhcp -4 -g single -l "$IF_C" -r "$DHCP_RATE" -R 200 -p "$DURATION" -d 5 \
    -W 5000000 >"$OUT/$phase-perfdhcp.txt" 2>&1 &
  PERFDHCP=$!
}
finish_load() { wait "$DNSPERF" || true; wait "$SMTPLOAD" || true; wait "$SIPP" || true; wait "$PERFDHCP" || true; }
own_threads() { jcmd "$SB" Thread.print 2>/dev/null | grep -o '^"switchboard-[^"]*"' | grep -v -- '-session"' | sort | tr '\n' ' '; }
figures() {
  local phase=$1 d="$OUT/$1-dnsperf.txt" s="$OUT/$1-sipp.txt"
  echo "== $phase"
  printf '%-6s %8s %9s %6s %7s  %s\n' service sent answered lost errors "worst latency"
  awk '/Queries sent:/ {s=$3} /Queries completed:/ {c=$3} /Queries lost:/ {l=$3} /Response codes:/ {n=$4} /Average Latency/ {gsub(/[()]/,""); m=$NF}
       END { printf "%-6s %8d %9d %6d %7d  %s s\n", "dns", s, c, l, c-n, m }' "$d"
  python3 - "$OUT/$phase-smtp" "$HOME_DIR/data/mail/anna/Maildir" <<'PY'
import os, re, sys
sent = [l.split() for l in open(sys.argv[1] + ".log")]
accepted = {l[1] for l in sent if l[0] == "250"}
errors = [l for l in sent if l[0] != "250"]
stored = {}
for sub in ("new", "cur"):
    d = os.path.join(sys.argv[2], sub)
    for f in os.listdir(d) if os.path.isdir(d) else []:
        m = re.search(rb"^Message-ID: <([^>]+)>", open(os.path.join(d, f), "rb").read(), re.M | re.I)
        if m: stored[m.group(1).decode()] = stored.get(m.group(1).decode(), 0) + 1
worst = max((float(l[2]) for l in sent if l[0] == "250"), default=0)
lost = len([i for i in accepted if i not in stored])
twice = len([i for i, n in stored.items() if n > 1 and i in accepted])
print(f"{'smtp':6} {len(sent):8d} {len(accepted):9d} {lost:6d} {len(errors):7d}  {worst:.3f} s; accepted stored twice: {twice}")
PY
  awk -F'|' '/Successful call/ {ok=$3} /Failed call/ {bad=$3} END { gsub(/ /,"",ok); gsub(/ /,"",bad); printf "%-6s %8d %9d %6d %7d  n/a", "sip", ok+bad, ok, 0, bad }' "$s"
  awk '/REGISTER ---------->/ { r += $4 } END { printf " (retransmissions %d)\n", r }' "$s"
  awk '/Statistics for: / { x = $3; gsub(/\*/, "", x) } x == "DISCOVER-OFFER" && /^sent packets:/ { s = $3 } x == "REQUEST-ACK" && /^received packets:/ { a = $3 }
       /^drops:/ { d += $2 } x == "REQUEST-ACK" && /^max delay:/ { m = $3 }
       END { printf "%-6s %8d %9d %6d %7d  %s ms (REQUEST-ACK)\n", "dhcp", s, a, s - a, d, m }' "$OUT/$phase-perfdhcp.txt"
  awk '$1 == "B" { if (($4 in owner) && owner[$4] != $2) twice[$4] = 1; owner[$4] = $2 }
       END { n = 0; for (a in twice) n++; printf "dhcp: addresses leased to two clients: %d\n", n }' "$HOME_DIR/data/dhcp/leases.journal"
}

echo "bench/patch: starting (home $HOME_DIR)" >&2
start_switchboard
before=$(own_threads)
load patch
sleep 3
for bsn in switchboard.dns switchboard.mail switchboard.sip switchboard.dhcp switchboard.firewall switchboard.wan; do
  jar "$HOME_DIR/deploy/$bsn.jar" "$OUT/$bsn-9.0.1.jar" 9.0.1
  echo "patch: $(patch "$OUT/$bsn-9.0.1.jar")"
done
jar "$HOME_DIR/deploy/switchboard.dns.jar" "$OUT/broken-dns.jar" 9.0.2 switchboard/dns/internal/DnsHealthCheck.class
echo "patch: $(patch "$OUT/broken-dns.jar")"
finish_load
sleep 3
after=$(own_threads)
figures patch
[ "$before" = "$after" ] && echo "threads: the same $(wc -w <<<"$before") Switchboard threads before and after" \
  || echo "threads: before [$before] after [$after]"

rm -rf "$HOME_DIR/data/mail/anna/Maildir"
load crash
sleep $((DURATION / 2))
kill -KILL -- "-$SB"; wait "$SB" 2>/dev/null || true
echo "crash: kill -9 at $((DURATION / 2)) s into the load" >&2
start_switchboard
finish_load
figures crash
grep -q "sip:phone@" "$HOME_DIR/data/sip/bindings" && echo "crash: the phone's binding is in data/sip/bindings after the restart" \
  || echo "crash: the phone's binding is NOT in data/sip/bindings"
echo "summary patch: see the tables above ($OUT)"
