package switchboard.vpn.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One line of peer status, for {@code vpn:peers} and the console page: configuration joined with what {@code wg} reports. */
record PeerRow(String name, String kind, String endpoint, String handshake, String received, String sent, String allowed) {
    static final List<String> HEADINGS = List.of("NAME", "KIND", "ENDPOINT", "LATEST HANDSHAKE", "RECEIVED", "SENT", "ALLOWED");

    static List<PeerRow> of(List<Peer> peers, Optional<WgDump.Interface> status, Instant now) {
        List<PeerRow> rows = new ArrayList<>();
        for (Peer p : peers) {
            Optional<WgDump.PeerStatus> s = status.flatMap(i -> i.peer(p.publicKey()));
            rows.add(new PeerRow(p.name(), p.kind().key(),
                    s.flatMap(WgDump.PeerStatus::endpoint).or(p::endpoint).orElse("-"),
                    s.isEmpty() ? "unknown" : s.get().latestHandshake().map(t -> ago(Duration.between(t, now))).orElse("never"),
                    s.map(x -> bytes(x.received())).orElse("-"), s.map(x -> bytes(x.sent())).orElse("-"), p.allowedList()));
        }
        return rows;
    }

    List<String> cells() {
        return List.of(name, kind, endpoint, handshake, received, sent, allowed);
    }

    private static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }

    static String bytes(long n) {
        return n < 10_000 ? n + " B" : n < 10_000_000 ? n / 1024 + " KiB" : n / (1024 * 1024) + " MiB";
    }
}
