package switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import switchboard.api.broker.DatagramSender;
import switchboard.sip.internal.location.Binding;
import switchboard.sip.internal.location.LocationTable;

/**
 * OPTIONS pings to contacts behind NAT, which keep the NAT mapping open and tell whether the phone is
 * still there. Any answer (even an error) proves it is; a contact silent for two intervals is shown
 * unreachable, and one silent for the grace period is removed.
 */
public final class Keepalive {
    private final LocationTable table;
    private final SipStats stats;
    private final LongSupplier clock;
    private final Map<String, Long> lastHeard = new ConcurrentHashMap<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private volatile long intervalMillis;
    private volatile long graceMillis;
    private volatile Supplier<String> via;
    private volatile DatagramSender sender;
    private long nextRun;

    Keepalive(LocationTable table, SipStats stats, LongSupplier clock) {
        this.table = table;
        this.stats = stats;
        this.clock = clock;
    }

    /** @param viaHostPort where the pings say they come from, asked at each ping (it may follow the network) */
    void configure(int intervalSeconds, int graceSeconds, Supplier<String> viaHostPort) {
        intervalMillis = intervalSeconds * 1000L;
        graceMillis = graceSeconds * 1000L;
        via = viaHostPort;
    }

    /** The endpoint socket the pings leave from (the one the phones talk to). */
    void usedSender(DatagramSender s) {
        sender = s;
    }

    void reachable(Collection<Binding> registered, long now) {
        for (Binding b : registered) lastHeard.put(key(b), now);
    }

    void answered(SIPResponse response) {
        String key = pending.remove(response.getCallId().getCallId());
        if (key != null) lastHeard.put(key, clock.getAsLong());
    }

    /** "ok", "unreachable", or "-" for contacts that are not pinged. */
    public String state(Binding b, long now) {
        if (!b.nat() || intervalMillis == 0) return "-";
        Long heard = lastHeard.get(key(b));
        return heard != null && now - heard > 2 * intervalMillis ? "unreachable" : "ok";
    }

    /** Pings when an interval has passed; returns the bindings removed as unreachable. */
    List<Binding> run(long now) {
        DatagramSender out = sender;
        if (intervalMillis == 0 || out == null || now < nextRun) return List.of();
        nextRun = now + intervalMillis;
        pending.clear();
        List<Binding> nat = table.all(now).stream().filter(Binding::nat).toList();
        List<Binding> gone = new ArrayList<>();
        for (Binding b : nat) {
            long heard = lastHeard.computeIfAbsent(key(b), k -> now);
            if (now - heard > graceMillis) gone.add(b);
            else ping(b, out);
        }
        if (!gone.isEmpty()) {
            List<Binding> removed = table.remove(gone::contains);
            removed.forEach(b -> lastHeard.remove(key(b)));
            stats.unreachableRemoved.add(removed.size());
            return removed;
        }
        lastHeard.keySet().retainAll(nat.stream().map(Keepalive::key).toList());
        return List.of();
    }

    private void ping(Binding b, DatagramSender out) {
        String callId = UUID.randomUUID().toString();
        String branch = "z9hG4bK" + callId.replace("-", "");
        String via = this.via.get();
        String message = "OPTIONS " + b.contact() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:keepalive@" + via + ">;tag=" + branch.substring(7, 17) + "\r\n"
                + "To: <" + b.contact() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        int colon = b.source().lastIndexOf(':');
        try {
            pending.put(callId, key(b));
            out.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)),
                    new InetSocketAddress(b.source().substring(0, colon), Integer.parseInt(b.source().substring(colon + 1))));
            stats.keepalivesSent.increment();
        } catch (IOException | RuntimeException e) {
            pending.remove(callId);
        }
    }

    private static String key(Binding b) {
        return b.aor() + '\t' + b.contact();
    }
}
