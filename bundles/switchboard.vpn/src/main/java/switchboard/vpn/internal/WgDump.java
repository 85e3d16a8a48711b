package switchboard.vpn.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code wg show IFACE dump}: a first line for the interface (private key, public key, listen port,
 * fwmark), then one line per peer (public key, preshared key, endpoint, allowed ips, latest handshake,
 * received, sent, persistent keepalive), fields separated by tabs. The secrets in it are checked for form
 * and dropped, never kept. Anything else is refused with the line number and what is wrong.
 */
final class WgDump {
    private static final String NONE = "(none)";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");
    private static final Pattern ENDPOINT = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.%A-Za-z]+\\]):\\d{1,5}");
    private static final Pattern ALLOWED = Pattern.compile("[0-9a-fA-F:.]+/\\d{1,3}");

    private WgDump() {}

    /** What the interface is and who its peers are. */
    record Interface(String publicKey, int listenPort, List<PeerStatus> peers) {
        Interface {
            peers = List.copyOf(peers);
        }

        Optional<PeerStatus> peer(String publicKey) {
            return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
        }
    }

    /** A peer as the interface sees it; {@code latestHandshake} is empty when there never was one. */
    record PeerStatus(String publicKey, boolean hasPresharedKey, Optional<String> endpoint, List<String> allowedIps,
            Optional<Instant> latestHandshake, long received, long sent, int keepalive) {
        PeerStatus {
            allowedIps = List.copyOf(allowedIps);
        }
    }

    static Interface parse(String dump) {
        List<String> lines = dump.lines().filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) throw new IllegalArgumentException("line 1: empty dump, no interface line");
        String[] head = fields(lines.get(0), 4, 1);
        key(head[0], "private key", 1);
        String publicKey = key(head[1], "public key", 1);
        int port = (int) number(head[2], "listen port", 0, 65535, 1);
        if (!head[3].equals("off")) number(head[3], "fwmark", 0, 0xFFFFFFFFL, 1);
        List<PeerStatus> peers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) peers.add(peer(lines.get(i), i + 1));
        return new Interface(publicKey, port, peers);
    }

    private static PeerStatus peer(String line, int n) {
        String[] f = fields(line, 8, n);
        String publicKey = key(f[0], "peer public key", n);
        boolean psk = !f[1].equals(NONE);
        if (psk) key(f[1], "preshared key", n);
        Optional<String> endpoint = Optional.empty();
        if (!f[2].equals(NONE)) {
            if (!ENDPOINT.matcher(f[2]).matches()) throw malformed(n, "endpoint '" + f[2] + "' is not address:port");
            endpoint = Optional.of(f[2]);
        }
        List<String> allowed = f[3].equals(NONE) ? List.of() : Arrays.asList(f[3].split(","));
        for (String a : allowed) if (!ALLOWED.matcher(a).matches()) throw malformed(n, "allowed ip '" + a + "' is not address/prefix");
        long handshake = number(f[4], "latest handshake", 0, Long.MAX_VALUE, n);
        long received = number(f[5], "received bytes", 0, Long.MAX_VALUE, n);
        long sent = number(f[6], "sent bytes", 0, Long.MAX_VALUE, n);
        int keepalive = f[7].equals("off") ? 0 : (int) number(f[7], "persistent keepalive", 0, 65535, n);
        return new PeerStatus(publicKey, psk, endpoint, allowed, handshake == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(handshake)),
                received, sent, keepalive);
    }

    private static String[] fields(String line, int count, int n) {
        String[] f = line.split("\t", -1);
        if (f.length != count) throw malformed(n, f.length + " fields where " + count + " belong");
        return f;
    }

    private static String key(String text, String what, int n) {
        if (!KEY.matcher(text).matches()) throw malformed(n, what + " is not a base64 key");
        return text;
    }

    private static long number(String text, String what, long min, long max, int n) {
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) throw malformed(n, what + " " + v + " is out of range");
            return v;
        } catch (NumberFormatException e) {
            throw malformed(n, what + " is not a number");
        }
    }

    private static IllegalArgumentException malformed(int line, String reason) {
        return new IllegalArgumentException("line " + line + ": " + reason);
    }
}
