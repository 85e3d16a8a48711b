package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import switchboard.api.dhcp.MessageType;

/** Counters of the server, and the other DHCP servers seen on the LAN. Shared across threads. */
final class DhcpStats {
    private final Map<MessageType, AtomicLong> received = new EnumMap<>(MessageType.class);
    private final Map<MessageType, AtomicLong> sent = new EnumMap<>(MessageType.class);
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicLong poolExhausted = new AtomicLong();
    final AtomicLong probedInUse = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    /** Server identifier of another DHCP server to when it was last seen (epoch millis). */
    private final Map<Inet4Address, Long> foreignServers = new ConcurrentHashMap<>();

    DhcpStats() {
        for (MessageType t : MessageType.values()) {
            received.put(t, new AtomicLong());
            sent.put(t, new AtomicLong());
        }
    }

    void received(MessageType type) {
        received.get(type).incrementAndGet();
    }

    void sent(MessageType type) {
        sent.get(type).incrementAndGet();
    }

    /** @return true when this server was not seen within the hold time before */
    boolean foreignServer(Inet4Address serverId, long now, long holdMillis) {
        Long before = foreignServers.put(serverId, now);
        return before == null || now - before > holdMillis;
    }

    /** The servers seen within the hold time before {@code now}; older sightings are forgotten. */
    Map<Inet4Address, Long> foreignServers(long now, long holdMillis) {
        foreignServers.values().removeIf(seen -> now - seen > holdMillis);
        return Map.copyOf(foreignServers);
    }

    /** Every counter by name, in a stable order, for the shell, the console and the metrics. */
    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        received.forEach((t, n) -> out.put("received " + t.name(), n.get()));
        sent.forEach((t, n) -> { if (t == MessageType.OFFER || t == MessageType.ACK || t == MessageType.NAK) out.put("sent " + t.name(), n.get()); });
        out.put("dropped malformed", malformed.get());
        out.put("ignored", ignored.get());
        out.put("pool exhausted", poolExhausted.get());
        out.put("probe found address in use", probedInUse.get());
        out.put("send failures", sendFailures.get());
        return out;
    }
}
